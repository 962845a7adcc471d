package io.tlsuite.sessionstore;

import io.tlsuite.sessionstore.domain.SessionBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the session backend answers (always, in memory; a PING with Redis). */
@Readiness
@ApplicationScoped
class BackendReadiness implements HealthCheck {

    @Inject SessionBackend backend;
    @Inject SessionStoreConfig config;

    @Override
    public HealthCheckResponse call() {
        var response =
                HealthCheckResponse.named("Session backend").withData("backend", config.backend());
        try {
            backend.ping();
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
