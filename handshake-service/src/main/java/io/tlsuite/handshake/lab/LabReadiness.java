package io.tlsuite.handshake.lab;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * With the lab on, ready once its identities are built (each named, with any that could not be).
 */
@Readiness
@ApplicationScoped
public class LabReadiness implements HealthCheck {
    @Inject LabServers lab;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("lab identities");
        if (!lab.enabled()) {
            return b.up().withData("enabled", false).build();
        }
        b.withData("enabled", true).withData("names", String.join(",", lab.names()));
        lab.staplingOutcomes()
                .forEach((serial, outcome) -> b.withData("stapled OCSP " + serial, outcome));
        if (!lab.problems().isEmpty()) {
            b.withData("problems", String.join("; ", lab.problems()));
        }
        return lab.ready() ? b.up().build() : b.down().build();
    }
}
