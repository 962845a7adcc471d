package io.tlsuite.agent.runs;

import io.quarkus.runtime.ShutdownEvent;
import io.tlsuite.agent.config.AgentConfig;
import io.tlsuite.agent.domain.AttemptResult;
import io.tlsuite.agent.domain.KeyCopies;
import io.tlsuite.agent.domain.Scenario;
import io.tlsuite.agent.domain.ScenarioExecutor;
import io.tlsuite.agent.domain.Target;
import io.tlsuite.agent.events.AgentEvents;
import io.tlsuite.agent.trust.AgentTrust;
import io.tlsuite.agent.trust.CertificateCheck;
import io.tlsuite.events.agent.AgentCertificateValidated;
import io.tlsuite.events.agent.AgentMessageExchanged;
import io.tlsuite.events.agent.AgentRunCompleted;
import io.tlsuite.events.agent.AgentRunProgressed;
import io.tlsuite.events.agent.AgentRunStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Starts runs (a scenario, N times, with C connections at once, over a transport), keeps them for
 * listing, cancels them, and reports them on {@code tls.agents}.
 */
@ApplicationScoped
public class RunRegistry {
    private static final Logger LOG = Logger.getLogger(RunRegistry.class);

    /** A run whose first attempts all fail to reach the target stops instead of trying N times. */
    private static final int UNREACHABLE_ABORT = 3;

    @Inject AgentConfig config;
    @Inject AgentTrust trust;
    @Inject AgentEvents events;

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final KeyCopies keys = new KeyCopies();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .executor(Executors.newFixedThreadPool(4, daemon("agent-http")))
                    .build();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(daemon("agent-run-progress"));

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public KeyCopies keys() {
        return keys;
    }

    /**
     * Starts a run; the trust store must be loaded.
     *
     * @throws IllegalStateException with the reason when it is not
     */
    public Run start(
            Scenario scenario, Target target, int count, int concurrency, Integer durationSeconds) {
        AgentTrust.Loaded loaded =
                trust.loaded()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                trust.problem().orElse("trust store not loaded")));
        ScenarioExecutor executor =
                new ScenarioExecutor(
                        new ScenarioExecutor.Trust(
                                loaded.roots(), loaded.clientIdentity(), trust.revocation()),
                        config.labDomain(),
                        config.ioTimeout(),
                        http,
                        keys,
                        config.ocspStapling());
        Run run =
                new Run(
                        "run-" + UUID.randomUUID(),
                        scenario,
                        target,
                        count,
                        concurrency,
                        durationSeconds);
        synchronized (runs) {
            runs.put(run.id, run);
            trim();
        }
        events.publish(
                new AgentRunStarted(
                        run.id, scenario.name(), target.toString(), count, concurrency));
        ExecutorService workers =
                Executors.newFixedThreadPool(
                        concurrency, daemon("agent-" + run.id.substring(4, 12)));
        var progress = ticker.scheduleAtFixedRate(() -> progressed(run), 1, 1, TimeUnit.SECONDS);
        long deadline =
                durationSeconds == null
                        ? Long.MAX_VALUE
                        : System.nanoTime() + durationSeconds * 1_000_000_000L;
        AtomicInteger unreachable = new AtomicInteger();
        AtomicInteger finishedWorkers = new AtomicInteger();
        for (int w = 0; w < concurrency; w++) {
            workers.execute(
                    () -> {
                        try {
                            while (!run.cancelRequested
                                    && System.nanoTime() < deadline
                                    && run.started.getAndIncrement() < count) {
                                AttemptResult r =
                                        executor.run(
                                                scenario,
                                                target,
                                                run.firstResult == null,
                                                (id, leaf, checks, records) ->
                                                        observed(run, id, leaf, checks, records));
                                run.record(r);
                                if ("error".equals(r.outcome())
                                        && r.cause() != null
                                        && r.cause().startsWith("unreachable")) {
                                    if (unreachable.incrementAndGet() >= UNREACHABLE_ABORT
                                            && run.passed.get() == 0) {
                                        run.cause =
                                                "target " + target + " unreachable: " + r.cause();
                                        run.cancelRequested = true;
                                    }
                                }
                            }
                        } catch (RuntimeException e) {
                            LOG.warnf("run %s worker failed: %s", run.id, e.toString());
                            run.cause = "internal error: " + e.getClass().getSimpleName();
                        } finally {
                            if (finishedWorkers.incrementAndGet() == concurrency) {
                                progress.cancel(false);
                                finish(run);
                                workers.shutdown();
                            }
                        }
                    });
        }
        return run;
    }

    private void observed(
            Run run,
            String connectionId,
            X509Certificate leaf,
            List<CertificateCheck> checks,
            List<io.tlsuite.agent.domain.AppRecordView> records) {
        if (leaf != null && !checks.isEmpty()) {
            List<String> problems = new ArrayList<>();
            boolean valid = true;
            for (CertificateCheck c : checks) {
                if (!CertificateCheck.PASSED.equals(c.result()) && !"signature".equals(c.name())
                        || c.failed()) {
                    valid = false;
                    problems.add(c.name() + " " + c.result() + ": " + c.detail());
                }
            }
            events.publish(
                    new AgentCertificateValidated(
                            run.id,
                            connectionId,
                            leaf.getSubjectX500Principal().getName(),
                            leaf.getSerialNumber().toString(16),
                            valid,
                            problems));
        }
        for (var r : records) {
            events.publish(
                    new AgentMessageExchanged(
                            run.id,
                            connectionId,
                            r.direction(),
                            r.payload(),
                            r.record(),
                            r.sequence()));
        }
    }

    private void progressed(Run run) {
        if (!Run.RUNNING.equals(run.state)) {
            return;
        }
        events.publish(
                new AgentRunProgressed(
                        run.id,
                        run.done.get(),
                        run.failed.get(),
                        run.count,
                        run.latencies.percentileMicros("total", 50),
                        run.latencies.percentileMicros("total", 95),
                        run.latencies.percentileMicros("total", 99)));
    }

    private void finish(Run run) {
        run.endNanos = System.nanoTime();
        run.endedAt = Instant.now();
        if (run.cause != null
                && run.passed.get() + run.failed.get() < run.count
                && !run.cancelRequestedByUser) {
            run.state = Run.FAILED;
        } else if (run.cancelRequestedByUser) {
            run.state = Run.CANCELLED;
        } else {
            run.state = Run.COMPLETED;
        }
        events.publish(
                new AgentRunCompleted(
                        run.id,
                        run.scenario.name(),
                        run.failed.get() == 0 && Run.COMPLETED.equals(run.state)
                                ? "passed"
                                : "failed",
                        run.done.get(),
                        run.failed.get(),
                        (long) (run.seconds() * 1000),
                        run.latencies.percentileMicros("total", 50),
                        run.latencies.percentileMicros("total", 95),
                        run.latencies.percentileMicros("total", 99)));
        LOG.infof(
                "run %s (%s over %s to %s) %s: %d done, %d passed, %d failed, %.1f handshakes/s",
                run.id,
                run.scenario.name(),
                run.target.transport(),
                run.target,
                run.state,
                run.done.get(),
                run.passed.get(),
                run.failed.get(),
                run.done.get() / run.seconds());
    }

    public Optional<Run> find(String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    public List<Run> list() {
        synchronized (runs) {
            List<Run> all = new ArrayList<>(runs.values());
            java.util.Collections.reverse(all);
            return all;
        }
    }

    /** Asks a run to stop; attempts in flight finish. */
    public void cancel(Run run) {
        run.cancelRequestedByUser = true;
        run.cancelRequested = true;
    }

    private void trim() {
        var it = runs.entrySet().iterator();
        while (runs.size() > config.runsKept() && it.hasNext()) {
            var e = it.next();
            if (!Run.RUNNING.equals(e.getValue().state)) {
                it.remove();
            } else {
                break;
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (runs) {
            runs.values().forEach(r -> r.cancelRequested = true);
        }
        ticker.shutdownNow();
    }
}
