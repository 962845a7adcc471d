package io.tlsuite.handshake.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the CA has issued our certificate; says why meanwhile. */
@Readiness
@ApplicationScoped
public class IdentityReadiness implements HealthCheck {

    @Inject IdentityEnrolment enrolment;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("Server certificate (enrolment at the CA)");
        var identity = enrolment.current();
        if (identity.isEmpty()) {
            return b.down().withData("reason", enrolment.status()).build();
        }
        ServerIdentity id = identity.get();
        return b.up().withData("serial", id.serial())
                .withData("certificates", id.credentials().toString())
                .withData("subject", id.subject())
                .withData("notAfter", id.notAfter().toString())
                .withData("renewAt", id.renewAt().toString())
                .build();
    }
}
