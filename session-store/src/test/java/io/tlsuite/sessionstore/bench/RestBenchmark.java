package io.tlsuite.sessionstore.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Closed-loop REST load at a fixed concurrency, in alternating phases on the same client: the
 * session cycle (each worker registers a session, reads its metadata and closes it, again and
 * again) and the trivial endpoint {@code GET /api/v1/service} (the same HTTP stack and the same
 * caller check, no work behind them: what the service answers when only HTTP limits it). Prints
 * each phase's rate and latency percentiles, the ratio of cycles/s to trivial requests/s per round,
 * and, given the service's pid, its CPU per cycle and per trivial request. Not a test: run it with
 * {@code session-store/bench/run.sh}.
 *
 * <p>Arguments: base URL, service token, concurrency, seconds per phase, seconds of warm-up, rounds
 * (default 1), the service's pid (optional).
 */
public final class RestBenchmark {

    private static final String[] CYCLE_OPS = {"create", "get", "close"};
    private static final String[] TRIVIAL_OPS = {"service"};

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8083";
        String token = args.length > 1 ? args[1] : "dev";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        String pid = args.length > 6 ? args[6] : null;

        RestBenchmark bench = new RestBenchmark(base, token);
        bench.phase("warm-up", TRIVIAL_OPS, concurrency, warmup, bench::trivial, null);
        bench.phase("warm-up", CYCLE_OPS, concurrency, warmup, bench::cycle, null);
        System.out.printf(
                "REST %s, concurrency %d, %d s per phase (after %d s warm-up each), load %s%n",
                base, concurrency, seconds, warmup, loadAverage());
        double cyclesSum = 0;
        double trivialSum = 0;
        for (int r = 1; r <= rounds; r++) {
            Result trivial =
                    bench.phase(
                            "round " + r + " trivial",
                            TRIVIAL_OPS,
                            concurrency,
                            seconds,
                            bench::trivial,
                            pid);
            Result cycles =
                    bench.phase(
                            "round " + r + " cycles",
                            CYCLE_OPS,
                            concurrency,
                            seconds,
                            bench::cycle,
                            pid);
            trivialSum += trivial.rate();
            cyclesSum += cycles.rate();
            System.out.printf(
                    "  round %d: cycles/s ÷ trivial requests/s = %.0f / %.0f = %.3f"
                            + " (requests in cycles: %.3f)%s%n",
                    r,
                    cycles.rate(),
                    trivial.rate(),
                    cycles.rate() / trivial.rate(),
                    3 * cycles.rate() / trivial.rate(),
                    pid == null
                            ? ""
                            : String.format(
                                    "; service CPU per cycle %.0f us (%.0f without JIT threads),"
                                            + " per trivial request %.0f us (%.0f)",
                                    cycles.cpuMicrosPerIteration(),
                                    cycles.warmCpuMicrosPerIteration(),
                                    trivial.cpuMicrosPerIteration(),
                                    trivial.warmCpuMicrosPerIteration()));
        }
        System.out.printf(
                "  all rounds: cycles %.0f /s, trivial %.0f /s, ratio %.3f; load after %s%n",
                cyclesSum / rounds, trivialSum / rounds, cyclesSum / trivialSum, loadAverage());
    }

    /**
     * A phase's iterations per second and the service's CPU per iteration, all of it and without
     * the JIT compiler threads (NaN without pid).
     */
    record Result(double rate, double cpuMicrosPerIteration, double warmCpuMicrosPerIteration) {}

    /** One iteration of a phase: the requests of one cycle, timed one by one into {@code ops}. */
    @FunctionalInterface
    interface Iteration {
        void run(Recorder ops);
    }

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final String base;
    private final String token;
    private final String keys;

    private RestBenchmark(String base, String token) {
        this.base = base;
        this.token = token;
        this.keys =
                "{\"clientTrafficSecret\":\""
                        + b64(32)
                        + "\",\"serverTrafficSecret\":\""
                        + b64(32)
                        + "\",\"resumptionSecret\":\""
                        + b64(32)
                        + "\"}";
    }

    private void trivial(Recorder ops) {
        ops.timed(
                0,
                200,
                HttpRequest.newBuilder(URI.create(base + "/api/v1/service"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
    }

    private void cycle(Recorder ops) {
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
        ops.timed(
                0,
                201,
                HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        ops.timed(
                1,
                200,
                HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + id)).build());
        ops.timed(
                2,
                200,
                HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + id))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build());
    }

    /** Per-thread latencies of each request kind, kept only while measuring. */
    final class Recorder {
        final long[][] latencies;
        final int[] counts;
        final AtomicBoolean measuring;
        final AtomicLong errors;

        Recorder(int kinds, AtomicBoolean measuring, AtomicLong errors) {
            this.latencies = new long[kinds][1 << 20];
            this.counts = new int[kinds];
            this.measuring = measuring;
            this.errors = errors;
        }

        void timed(int op, int expected, HttpRequest request) {
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
            if (measuring.get() && counts[op] < latencies[op].length) {
                latencies[op][counts[op]++] = t;
            }
        }
    }

    private Result phase(
            String name,
            String[] ops,
            int concurrency,
            int seconds,
            Iteration iteration,
            String pid)
            throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(true);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        List<Recorder> recorders = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            Recorder rec = new Recorder(ops.length, measuring, errors);
            recorders.add(rec);
            Thread t =
                    new Thread(
                            () -> {
                                started.countDown();
                                try {
                                    while (!stop.get()) {
                                        iteration.run(rec);
                                    }
                                } finally {
                                    done.countDown();
                                }
                            },
                            "bench-" + w);
            t.setDaemon(true);
            t.start();
        }
        started.await();
        ProcessCpu.Ticks cpu0 = pid == null ? null : ProcessCpu.read(pid);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        ProcessCpu.Ticks cpu = pid == null ? null : ProcessCpu.read(pid).minus(cpu0);
        stop.set(true);
        done.await();
        if (name.startsWith("warm-up")) {
            return null;
        }
        System.out.printf("  %s: %.1f s, errors %d%n", name, elapsed, errors.get());
        long iterations = Long.MAX_VALUE;
        for (int op = 0; op < ops.length; op++) {
            int total = 0;
            for (Recorder r : recorders) {
                total += r.counts[op];
            }
            long[] all = new long[total];
            int k = 0;
            for (Recorder r : recorders) {
                System.arraycopy(r.latencies[op], 0, all, k, r.counts[op]);
                k += r.counts[op];
            }
            Arrays.sort(all);
            iterations = Math.min(iterations, total);
            System.out.printf(
                    "    %-8s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms%n",
                    ops[op], total / elapsed, pct(all, 0.50), pct(all, 0.99));
        }
        // clock ticks are 10 ms
        double cpuPer = cpu == null || iterations == 0 ? Double.NaN : cpu.all() * 1e4 / iterations;
        double warmPer =
                cpu == null || iterations == 0 ? Double.NaN : cpu.withoutJit() * 1e4 / iterations;
        return new Result(iterations / elapsed, cpuPer, warmPer);
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
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
}
