package io.tlsuite.agent.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the CA root is in the trust store (and the client certificate in the key store). */
@Readiness
@ApplicationScoped
public class TrustReadiness implements HealthCheck {
    @Inject AgentTrust trust;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("agent trust store");
        return trust.loaded()
                .map(
                        l ->
                                b.up().withData("roots", l.roots().size())
                                        .withData(
                                                "caRootSha256",
                                                AgentTrust.fingerprint(l.roots().get(0)))
                                        .withData("mutualTls", l.clientIdentity() != null)
                                        .build())
                .orElseGet(
                        () ->
                                b.down()
                                        .withData("problem", trust.problem().orElse("loading"))
                                        .build());
    }
}
