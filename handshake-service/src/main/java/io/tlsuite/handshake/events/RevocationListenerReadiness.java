package io.tlsuite.handshake.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the revocation listener does not read {@code tls.certificates} (Kafka not there
 * yet, or its name does not resolve): a revoked client certificate would not be refused meanwhile.
 */
@Readiness
@ApplicationScoped
class RevocationListenerReadiness implements HealthCheck {

    @Inject RevocationListener listener;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("Revocation listener (tls.certificates)");
        if (!listener.enabled()) {
            return b.up().withData("state", "disabled").build();
        }
        var why = listener.connection().notReading(Duration.ofSeconds(30));
        return why.isPresent()
                ? b.down().withData("reason", why.get()).build()
                : b.up().withData("state", "reading").build();
    }
}
