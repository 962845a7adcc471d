package io.tlsuite.handshake.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.handshake.HandshakeFailed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How handshakes end, for Prometheus: {@code
 * handshake_duration_seconds{outcome="completed"|"failed"}} from the last event of each handshake's
 * timeline (the same microseconds the events carry), over both transports (REST and the TLS port).
 * Fixed buckets rather than client-side percentiles, so that p95 can be computed across replicas
 * ({@code histogram_quantile} over summed buckets). Both series exist from the start, at zero, so
 * that rules and dashboards find them before the first handshake.
 */
@ApplicationScoped
public class HandshakeOutcomes {
    static final String METER = "handshake.duration";

    private final Timer completed;
    private final Timer failed;

    public HandshakeOutcomes(MeterRegistry meters) {
        this.completed = timer(meters, "completed");
        this.failed = timer(meters, "failed");
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder(METER)
                .description("Time from the ClientHello to the end of a handshake, by outcome")
                .tag("outcome", outcome)
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10))
                .register(meters);
    }

    /** Counts the event if it ends a handshake; every other event is ignored. */
    public void record(LifecycleEvent event) {
        if (event instanceof HandshakeCompleted c) {
            completed.record(c.elapsedMicros(), TimeUnit.MICROSECONDS);
        } else if (event instanceof HandshakeFailed f) {
            failed.record(f.elapsedMicros(), TimeUnit.MICROSECONDS);
        }
    }
}
