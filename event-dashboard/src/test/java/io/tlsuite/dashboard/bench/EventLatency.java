package io.tlsuite.dashboard.bench;

import io.tlsuite.dashboard.SseClient;
import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.EventCatalog;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Event latency (issue 23, aim 6): from the moment a lifecycle event is made (its CloudEvents
 * {@code time}, set when the service publishes it) to its arrival on the dashboard's live SSE
 * stream, through the real broker and the real dashboard, at a fixed rate of handshakes.
 *
 * <p>Publishes whole handshakes (12 events each, the dashboard's RSA story) at {@code rate} per
 * second, paced every 10 ms, with the services' own producer settings ({@link
 * EventPublisher#create} defaults); one SSE viewer reads {@code /api/v1/events/stream}. Prints the
 * rate reached, the latency percentiles, and how many events did not arrive or were dropped for a
 * slow viewer.
 *
 * <p>Arguments: bootstrap servers, dashboard base URL, handshakes per second, seconds.
 */
public final class EventLatency {

    // The envelope's fields come before the data, in EventView's order: the first match is theirs.
    private static final String TIME = "\"time\":\"";
    private static final String RECORDED = "\"recordedAt\":\"";
    private static final String RECEIVED = "\"receivedAt\":\"";
    private static final String HANDSHAKE_TYPES = "tls.handshake.";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String dashboard = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String run = "lat-" + UUID.randomUUID().toString().substring(0, 8);

        // {event time -> SSE, event time -> Kafka record time, record time -> read by the
        // dashboard, read by the dashboard -> SSE}, in micros (-1 where a timestamp is missing)
        List<long[]> samples = new ArrayList<>();
        SseClient viewer =
                new SseClient(dashboard + "/api/v1/events/stream", d -> sample(d, run, samples));

        long published = 0;
        long handshakeEvents = 0; // the ones measured: tls.handshake.*, subject = the handshake id
        long start = System.nanoTime();
        try (EventPublisher publisher =
                EventPublisher.create(bootstrap, "/tlsuite/bench/latency", Map.of())) {
            long tick = 10_000_000L; // 10 ms
            long due = 0;
            for (long t = 0; t < seconds * 1_000_000_000L; t += tick) {
                long wait = start + t - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long target = (t + tick) * rate / 1_000_000_000L;
                for (; due < target; due++) {
                    String id = run + "-" + due;
                    for (LifecycleEvent e : Stories.rsaHandshake(id, id + "-s", "0abc")) {
                        publisher.publish(e);
                        published++;
                        if (EventCatalog.typeOf(e.getClass()).startsWith(HANDSHAKE_TYPES)) {
                            handshakeEvents++;
                        }
                    }
                }
            }
            long measured = handshakeEvents;
            long elapsed = System.nanoTime() - start;
            Thread.sleep(5000); // stragglers
            viewer.close();
            long[] micros;
            synchronized (samples) {
                micros = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
            }
            double secs = elapsed / 1e9;
            System.out.printf(
                    "rate: %.0f handshakes/s (%d events, %.0f events/s over %.1f s)%n",
                    due / secs, published, published / secs, secs);
            System.out.printf(
                    "received %d of %d handshake events on the SSE stream, %d events dropped for a"
                            + " slow viewer%n",
                    micros.length, measured, viewer.droppedCount());
            if (micros.length > 0) {
                System.out.printf(
                        "latency event time -> SSE: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f"
                                + " ms%n",
                        pct(micros, 50), pct(micros, 95), pct(micros, 99), pct(micros, 100));
                String[] stages = {
                    "event time -> Kafka record time (producer, and the broker with"
                            + " LogAppendTime)",
                    "Kafka record time -> read by the dashboard",
                    "read by the dashboard -> on the SSE stream"
                };
                for (int stage = 0; stage < stages.length; stage++) {
                    int column = stage + 1;
                    long[] part;
                    synchronized (samples) {
                        part =
                                samples.stream()
                                        .mapToLong(x -> x[column])
                                        .filter(v -> v != Long.MIN_VALUE)
                                        .sorted()
                                        .toArray();
                    }
                    if (part.length > 0) {
                        System.out.printf(
                                "  stage %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                                stages[stage],
                                pct(part, 50),
                                pct(part, 95),
                                pct(part, 99),
                                pct(part, 100));
                    }
                }
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    /** Called for each data line as it arrives: the latency of the run's handshake events. */
    private static void sample(String data, String run, List<long[]> samples) {
        if (!data.contains(run) || !data.contains("\"type\":\"" + HANDSHAKE_TYPES)) {
            return;
        }
        Instant arrived = Instant.now();
        Instant made = instant(TIME, data);
        if (made != null) {
            Instant recorded = instant(RECORDED, data);
            Instant received = instant(RECEIVED, data);
            long[] sample = {
                micros(made, arrived),
                micros(made, recorded),
                micros(recorded, received),
                micros(received, arrived)
            };
            synchronized (samples) {
                samples.add(sample);
            }
        }
    }

    /**
     * A string field's value as an instant, found without a regular expression (this runs once per
     * event on the viewer's only thread).
     */
    private static Instant instant(String field, String data) {
        int at = data.indexOf(field);
        if (at < 0) {
            return null;
        }
        int from = at + field.length();
        int to = data.indexOf('"', from);
        return to < 0 ? null : OffsetDateTime.parse(data.substring(from, to)).toInstant();
    }

    /** Micros from one instant to the next, or Long.MIN_VALUE when one is missing. */
    private static long micros(Instant from, Instant to) {
        if (from == null || to == null) {
            return Long.MIN_VALUE;
        }
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000L
                + (to.getNano() - from.getNano()) / 1000;
    }

    private EventLatency() {}
}
