package io.tlsuite.handshake.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.handshake.HandshakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The session store client when enabled, else the registry that keeps nothing. */
@ApplicationScoped
class SessionRegistryWiring {

    @Produces
    @Singleton
    SessionRegistry registry(HandshakeConfig config, ObjectMapper json, MeterRegistry meters) {
        HandshakeConfig.SessionStore ss = config.sessionStore();
        SessionRegistry registry =
                ss.enabled()
                        ? new SessionStoreRegistry(
                                ss.url(),
                                ss.token(),
                                Path.of(ss.tokenFile()),
                                json,
                                ss.batchMaxOperations(),
                                ss.batchLinger())
                        : new NoSessionRegistry();
        meters.gauge("handshake.sessions.registered", registry, SessionRegistry::registeredCount);
        meters.gauge(
                "handshake.sessions.registration.failed", registry, SessionRegistry::failedCount);
        if (registry instanceof SessionStoreRegistry store) {
            meters.gauge(
                    "handshake.sessions.store.requests", store, SessionStoreRegistry::requestsSent);
        }
        return registry;
    }

    /** After the TLS port's connections closed (shutdown observers run first): send the rest. */
    void close(@Disposes SessionRegistry registry) {
        if (registry instanceof SessionStoreRegistry store) {
            store.close();
        }
    }
}
