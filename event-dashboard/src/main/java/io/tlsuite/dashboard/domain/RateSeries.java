package io.tlsuite.dashboard.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-second counters over the last {@link #SECONDS} seconds, in a ring of fixed buckets: events
 * per topic, handshakes that completed or failed, failures by alert, a sample of handshake
 * durations (for p50/p95) and the consumer lag per topic. Memory is fixed whatever the rate. Not
 * thread-safe: the index guards it.
 */
final class RateSeries {

    static final int SECONDS = 600;
    static final int SAMPLES_PER_SECOND = 256;

    private final List<String> topics;
    private final Bucket[] ring = new Bucket[SECONDS];
    private long random = 0x2545F4914F6CDD1DL;

    RateSeries(List<String> topics) {
        this.topics = topics;
    }

    private static final class Bucket {
        long second = Long.MIN_VALUE;
        long[] events;
        long[] lag;
        int completed;
        int failed;
        Map<String, Integer> failuresByAlert;
        final int[] durations = new int[SAMPLES_PER_SECOND];
        int samples;
        long seen;

        void reset(long second, int topicCount) {
            this.second = second;
            events = new long[topicCount];
            lag = new long[topicCount];
            Arrays.fill(lag, -1);
            completed = 0;
            failed = 0;
            failuresByAlert = null;
            samples = 0;
            seen = 0;
        }
    }

    private Bucket bucket(long second, long nowSecond) {
        if (second <= nowSecond - SECONDS || second > nowSecond + 5) {
            return null;
        }
        Bucket b = ring[(int) Math.floorMod(second, (long) SECONDS)];
        if (b == null) {
            b = new Bucket();
            ring[(int) Math.floorMod(second, (long) SECONDS)] = b;
        }
        if (b.second != second) {
            if (b.second > second) {
                return null;
            }
            b.reset(second, topics.size());
        }
        return b;
    }

    void event(String topic, long second, long nowSecond) {
        Bucket b = bucket(second, nowSecond);
        int t = topics.indexOf(topic);
        if (b != null && t >= 0) {
            b.events[t]++;
        }
    }

    void handshakeCompleted(long second, long nowSecond, long micros) {
        Bucket b = bucket(second, nowSecond);
        if (b == null) {
            return;
        }
        b.completed++;
        // Reservoir sample: every duration of the second has the same chance to be kept.
        b.seen++;
        int m = (int) Math.min(Integer.MAX_VALUE, micros);
        if (b.samples < SAMPLES_PER_SECOND) {
            b.durations[b.samples++] = m;
        } else {
            random ^= random << 13;
            random ^= random >>> 7;
            random ^= random << 17;
            long slot = Math.floorMod(random, b.seen);
            if (slot < SAMPLES_PER_SECOND) {
                b.durations[(int) slot] = m;
            }
        }
    }

    void handshakeFailed(long second, long nowSecond, String alert) {
        Bucket b = bucket(second, nowSecond);
        if (b == null) {
            return;
        }
        b.failed++;
        if (b.failuresByAlert == null) {
            b.failuresByAlert = new HashMap<>();
        }
        b.failuresByAlert.merge(alert == null ? "none" : alert, 1, Integer::sum);
    }

    void lag(String topic, long nowSecond, long lag) {
        Bucket b = bucket(nowSecond, nowSecond);
        int t = topics.indexOf(topic);
        if (b != null && t >= 0) {
            b.lag[t] = Math.max(b.lag[t], lag);
        }
    }

    /** The last {@code window} seconds up to {@code nowSecond}, oldest first. */
    Rates read(int window, long nowSecond) {
        int n = Math.max(1, Math.min(window, SECONDS));
        long[] seconds = new long[n];
        Map<String, long[]> events = new LinkedHashMap<>();
        Map<String, long[]> lag = new LinkedHashMap<>();
        topics.forEach(t -> events.put(t, new long[n]));
        topics.forEach(t -> lag.put(t, new long[n]));
        int[] completed = new int[n];
        int[] failed = new int[n];
        Long[] p50 = new Long[n];
        Long[] p95 = new Long[n];
        Map<String, Long> failuresByAlert = new TreeMap<>();
        List<Integer> all = new ArrayList<>();
        long totalCompleted = 0;
        long totalFailed = 0;
        Map<String, Long> totalEvents = new LinkedHashMap<>();
        topics.forEach(t -> totalEvents.put(t, 0L));
        for (int i = 0; i < n; i++) {
            long s = nowSecond - n + 1 + i;
            seconds[i] = s;
            Bucket b = ring[(int) Math.floorMod(s, (long) SECONDS)];
            for (int t = 0; t < topics.size(); t++) {
                lag.get(topics.get(t))[i] = -1;
            }
            if (b == null || b.second != s) {
                continue;
            }
            for (int t = 0; t < topics.size(); t++) {
                String topic = topics.get(t);
                events.get(topic)[i] = b.events[t];
                totalEvents.merge(topic, b.events[t], Long::sum);
                lag.get(topic)[i] = b.lag[t];
            }
            completed[i] = b.completed;
            failed[i] = b.failed;
            totalCompleted += b.completed;
            totalFailed += b.failed;
            if (b.failuresByAlert != null) {
                b.failuresByAlert.forEach((k, v) -> failuresByAlert.merge(k, (long) v, Long::sum));
            }
            if (b.samples > 0) {
                int[] sorted = Arrays.copyOf(b.durations, b.samples);
                Arrays.sort(sorted);
                p50[i] = (long) percentile(sorted, 50);
                p95[i] = (long) percentile(sorted, 95);
                for (int d : sorted) {
                    all.add(d);
                }
            }
        }
        int[] merged = all.stream().mapToInt(Integer::intValue).sorted().toArray();
        Map<String, Double> ratePerTopic = new LinkedHashMap<>();
        totalEvents.forEach((k, v) -> ratePerTopic.put(k, v / (double) n));
        return new Rates(
                n,
                seconds,
                events,
                completed,
                failed,
                p50,
                p95,
                lag,
                totalCompleted / (double) n,
                totalFailed / (double) n,
                failuresByAlert,
                merged.length == 0 ? null : (long) percentile(merged, 50),
                merged.length == 0 ? null : (long) percentile(merged, 95),
                ratePerTopic);
    }

    /** Nearest-rank percentile of a sorted, non-empty array. */
    static int percentile(int[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
