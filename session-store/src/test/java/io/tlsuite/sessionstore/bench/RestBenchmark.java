package io.tlsuite.sessionstore.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop REST load at a fixed concurrency: each worker registers a session, reads its metadata
 * and closes it, again and again. Prints operations per second and latency percentiles per
 * operation. Not a test: run it with {@code session-store/bench/run.sh}.
 *
 * <p>Arguments: base URL, service token, concurrency, seconds of measurement, seconds of warm-up.
 */
public final class RestBenchmark {

    private static final String[] OPS = {"create", "get", "close"};

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8083";
        String token = args.length > 1 ? args[1] : "dev";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;

        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        String keys =
                "{\"clientTrafficSecret\":\""
                        + b64(32)
                        + "\",\"serverTrafficSecret\":\""
                        + b64(32)
                        + "\",\"resumptionSecret\":\""
                        + b64(32)
                        + "\"}";

        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        List<long[][]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            long[][] lat = new long[3][1 << 22];
            int[] n = new int[3];
            perThread.add(lat);
            counts.add(n);
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    while (!stop.get()) {
                                        String id = "bench-" + UUID.randomUUID();
                                        String body =
                                                "{\"id\":\""
                                                        + id
                                                        + "\",\"handshakeId\":\"hs-"
                                                        + id
                                                        + "\",\"client\":\"bench-client\",\"server\":\"handshake.tlsuite.local\","
                                                        + "\"protocolVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                                                        + "\"serverCertificateSerial\":\"0a1b2c\",\"keys\":"
                                                        + keys
                                                        + "}";
                                        timed(
                                                0,
                                                lat,
                                                n,
                                                measuring,
                                                errors,
                                                201,
                                                http,
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        base + "/api/v1/sessions"))
                                                        .header("Authorization", "Bearer " + token)
                                                        .header("Content-Type", "application/json")
                                                        .POST(
                                                                HttpRequest.BodyPublishers.ofString(
                                                                        body))
                                                        .build());
                                        timed(
                                                1,
                                                lat,
                                                n,
                                                measuring,
                                                errors,
                                                200,
                                                http,
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        base
                                                                                + "/api/v1/sessions/"
                                                                                + id))
                                                        .GET()
                                                        .build());
                                        timed(
                                                2,
                                                lat,
                                                n,
                                                measuring,
                                                errors,
                                                200,
                                                http,
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        base
                                                                                + "/api/v1/sessions/"
                                                                                + id))
                                                        .header("Authorization", "Bearer " + token)
                                                        .DELETE()
                                                        .build());
                                    }
                                } finally {
                                    done.countDown();
                                }
                            },
                            "bench-" + w);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        done.await();

        System.out.printf(
                "REST %s, concurrency %d, %.1f s measured (after %d s warm-up), errors %d%n",
                base, concurrency, elapsed, warmup, errors.get());
        long cycles = Long.MAX_VALUE;
        for (int op = 0; op < 3; op++) {
            int total = 0;
            for (int[] n : counts) {
                total += n[op];
            }
            long[] all = new long[total];
            int k = 0;
            for (int w = 0; w < concurrency; w++) {
                System.arraycopy(perThread.get(w)[op], 0, all, k, counts.get(w)[op]);
                k += counts.get(w)[op];
            }
            Arrays.sort(all);
            cycles = Math.min(cycles, total);
            System.out.printf(
                    "  %-6s %8.0f ops/s   p50 %6.2f ms   p99 %6.2f ms%n",
                    OPS[op], total / elapsed, pct(all, 0.50), pct(all, 0.99));
        }
        System.out.printf("  cycle (create+get+close) %8.0f /s%n", cycles / elapsed);
    }

    private static void timed(
            int op,
            long[][] lat,
            int[] n,
            AtomicBoolean measuring,
            AtomicLong errors,
            int expected,
            HttpClient http,
            HttpRequest request) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != expected) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
        long t = System.nanoTime() - t0;
        if (measuring.get() && n[op] < lat[op].length) {
            lat[op][n[op]++] = t;
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static String b64(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private RestBenchmark() {}
}
