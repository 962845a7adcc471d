package io.tlsuite.agent.runs;

import io.tlsuite.agent.domain.AttemptResult;
import io.tlsuite.agent.domain.Scenario;
import io.tlsuite.agent.domain.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One run: its request, live counters and latency histograms, and its end. */
public final class Run {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    final String id;
    final Scenario scenario;
    final Target target;
    final int count;
    final int concurrency;
    final Integer durationSeconds;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger passed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Map<String, Integer> failuresByCause = new TreeMap<>();
    final PhaseLatencies latencies = new PhaseLatencies();
    volatile String state = RUNNING;
    volatile String cause;
    volatile Instant endedAt;
    volatile long endNanos;
    volatile boolean cancelRequested;
    volatile boolean cancelRequestedByUser;
    volatile AttemptResult firstResult;
    volatile AttemptResult firstFailure;

    Run(
            String id,
            Scenario scenario,
            Target target,
            int count,
            int concurrency,
            Integer durationSeconds) {
        this.id = id;
        this.scenario = scenario;
        this.target = target;
        this.count = count;
        this.concurrency = concurrency;
        this.durationSeconds = durationSeconds;
    }

    public String id() {
        return id;
    }

    public String state() {
        return state;
    }

    void record(AttemptResult r) {
        latencies.record(r.phasesMs());
        if (r.passed()) {
            passed.incrementAndGet();
        } else {
            failed.incrementAndGet();
            synchronized (failuresByCause) {
                failuresByCause.merge(r.cause() == null ? "unknown" : r.cause(), 1, Integer::sum);
            }
            if (firstFailure == null) {
                firstFailure = r;
            }
        }
        if (firstResult == null) {
            firstResult = r;
        }
        done.incrementAndGet();
    }

    double seconds() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return Math.max(1e-9, (end - startNanos) / 1e9);
    }

    /** The JSON view of {@code GET /api/v1/runs/{id}}. */
    public Map<String, Object> view(boolean withSamples) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("scenario", scenario.name());
        v.put("transport", target.transport());
        v.put("target", target.toString());
        v.put("state", state);
        v.put("expectation", scenario.expectation().summary());
        v.put("count", count);
        v.put("concurrency", concurrency);
        if (durationSeconds != null) {
            v.put("durationSeconds", durationSeconds);
        }
        int d = done.get();
        v.put("done", d);
        v.put("passed", passed.get());
        v.put("failed", failed.get());
        synchronized (failuresByCause) {
            v.put("failuresByCause", new TreeMap<>(failuresByCause));
        }
        double secs = seconds();
        v.put("elapsedSeconds", Math.round(secs * 1000) / 1000.0);
        v.put("handshakesPerSecond", Math.round(d / secs * 10) / 10.0);
        v.put("latencyMs", latencies.summary());
        v.put("startedAt", startedAt.toString());
        if (endedAt != null) {
            v.put("endedAt", endedAt.toString());
        }
        if (cause != null) {
            v.put("cause", cause);
        }
        if (withSamples) {
            if (firstResult != null) {
                v.put("firstResult", firstResult);
            }
            if (firstFailure != null && firstFailure != firstResult) {
                v.put("firstFailure", firstFailure);
            }
        }
        return v;
    }
}
