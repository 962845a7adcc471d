package io.tlsuite.sessionstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.sessionstore.domain.EngineStates;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Expires sessions, tickets and engine states past their lifetime without anyone asking, on a fixed
 * delay; with several replicas on one Redis each sweeps, and the backend's atomic transitions make
 * each expiry happen once.
 */
@ApplicationScoped
class SessionSweep {

    private static final Logger LOG = Logger.getLogger(SessionSweep.class);

    @Inject SessionRegistry registry;
    @Inject SessionStoreConfig config;
    @Inject EngineStates engineStates;
    @Inject MeterRegistry meters;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent event) {
        meters.gauge("sessionstore.engine_states.live", engineStates, EngineStates::live);
        if (config.envelope().rewrapOnStart()) {
            int rewrapped = registry.rewrap();
            if (rewrapped > 0) {
                LOG.infof(
                        "Rotation: resealed the keys of %d sessions with the active envelope key",
                        rewrapped);
            }
        }
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "session-sweep");
                            t.setDaemon(true);
                            return t;
                        });
        long period = Math.max(50, config.sweepInterval().toMillis());
        executor.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            int expired = registry.sweep();
            if (expired > 0) {
                LOG.debugf("Sweep expired %d sessions", expired);
            }
            int states = engineStates.sweep();
            if (states > 0) {
                LOG.debugf("Sweep expired %d engine states", states);
            }
        } catch (RuntimeException e) {
            // The next run retries; a backend outage must not kill the schedule.
            LOG.warnf("Expiry sweep failed: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
