package io.tlsuite.handshake.replicas;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.handshake.HandshakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The session store's engine states when the store is enabled with a URL and sharing is on; else
 * the local-only store (REST handshakes and sessions stay on the replica that started them).
 */
@ApplicationScoped
class EngineStateStoreWiring {
    private static final Logger LOG = Logger.getLogger(EngineStateStoreWiring.class);

    @Produces
    @Singleton
    EngineStateStore engineStates(HandshakeConfig config, ObjectMapper json, MeterRegistry meters) {
        HandshakeConfig.SessionStore ss = config.sessionStore();
        String url = ss.url() == null ? "" : ss.url().trim();
        if (!ss.enabled() || url.isEmpty() || !config.replicas().shareState()) {
            LOG.info("REST handshakes and sessions stay on the replica that started them");
            return new LocalOnlyStates();
        }
        SessionStoreEngineStates store =
                new SessionStoreEngineStates(
                        url,
                        ss.token(),
                        Path.of(ss.tokenFile()),
                        config.replicas().storeTimeout(),
                        json);
        meters.gauge("handshake.engine_states.calls", store, SessionStoreEngineStates::calls);
        meters.gauge(
                "handshake.engine_states.seconds", store, SessionStoreEngineStates::secondsSpent);
        meters.gauge("handshake.engine_states.failures", store, SessionStoreEngineStates::failures);
        LOG.infof("REST handshakes and sessions are shared through the session store at %s", url);
        return store;
    }
}
