package io.tlsuite.sessionstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.sessionstore.store.SessionBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sessionstore_backend_up{backend}}: 1 while the session backend answers a PING, 0 while it
 * does not, so that Prometheus can alert on a Redis outage. The PING runs on a thread of its own
 * every {@value #PERIOD_SECONDS} s, never on the scrape: a Redis that hangs must not make {@code
 * /q/metrics} hang.
 */
@ApplicationScoped
class BackendUpProbe {
    static final String METER = "sessionstore.backend.up";
    static final long PERIOD_SECONDS = 5;

    @Inject SessionBackend backend;
    @Inject SessionStoreConfig config;
    @Inject MeterRegistry meters;

    private final AtomicInteger up = new AtomicInteger();
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        register(meters, config.backend());
        probe(backend::ping);
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "session-backend-probe");
                            t.setDaemon(true);
                            return t;
                        });
        executor.scheduleWithFixedDelay(
                () -> probe(backend::ping), PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void register(MeterRegistry registry, String backendName) {
        Gauge.builder(METER, up, AtomicInteger::get)
                .description("1 while the session backend answers a PING, else 0")
                .tag("backend", backendName)
                .register(registry);
    }

    /** Runs the ping and records whether it answered; never throws. */
    void probe(Runnable ping) {
        try {
            ping.run();
            up.set(1);
        } catch (RuntimeException e) {
            up.set(0);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
