package io.tlsuite.handshake.stapling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every certificate has had its first OCSP fetch, so the first clients after start-up
 * already get a stapled response. A failed fetch counts as done (the CA's responder being down must
 * not take the TLS port down: clients then check revocation themselves); it shows in the data.
 */
@Readiness
@ApplicationScoped
public class StaplingReadiness implements HealthCheck {

    @Inject Optional<OcspStapler> stapler;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("OCSP stapling");
        if (stapler.isEmpty()) {
            return b.up().withData("stapling", "off").build();
        }
        OcspStapler s = stapler.get();
        b.withData("responder", s.responder());
        s.outcomes().forEach(b::withData);
        return (s.settled() ? b.up() : b.down()).build();
    }
}
