package io.tlsuite.dashboard.bench;

import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.EventCatalog;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    private static final String HANDSHAKE_TYPES = "tls.handshake.";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String dashboard = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String run = "lat-" + UUID.randomUUID().toString().substring(0, 8);

        List<long[]> samples = new ArrayList<>(); // {latency micros}
        AtomicLong dropped = new AtomicLong();
        InputStream body = openStream(dashboard);
        Thread reader = new Thread(() -> read(body, run, samples, dropped), "event-latency-reader");
        reader.setDaemon(true);
        reader.start();

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
            body.close();
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
                    micros.length, measured, dropped.get());
            if (micros.length > 0) {
                System.out.printf(
                        "latency event time -> SSE: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f"
                                + " ms%n",
                        pct(micros, 50), pct(micros, 95), pct(micros, 99), pct(micros, 100));
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    private static InputStream openStream(String dashboard) throws Exception {
        HttpResponse<InputStream> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(dashboard + "/api/v1/events/stream"))
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + r.statusCode());
        }
        return r.body();
    }

    private static void read(
            InputStream body, String run, List<long[]> samples, AtomicLong dropped) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    Instant arrived = Instant.now();
                    String d = line.substring(5);
                    if ("dropped".equals(event)) {
                        dropped.addAndGet(Long.parseLong(d.replaceAll("\\D", "")));
                    } else if (d.contains(run) && d.contains("\"type\":\"" + HANDSHAKE_TYPES)) {
                        Matcher m = TIME.matcher(d);
                        if (m.find()) {
                            Instant made = OffsetDateTime.parse(m.group(1)).toInstant();
                            long micros =
                                    (arrived.getEpochSecond() - made.getEpochSecond()) * 1_000_000L
                                            + (arrived.getNano() - made.getNano()) / 1000;
                            synchronized (samples) {
                                samples.add(new long[] {micros});
                            }
                        }
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (Exception e) {
            // closed at the end of the run
        }
    }

    private EventLatency() {}
}
