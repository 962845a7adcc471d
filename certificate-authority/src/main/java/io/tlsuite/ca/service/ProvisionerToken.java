package io.tlsuite.ca.service;

import io.quarkus.runtime.Startup;
import io.tlsuite.ca.config.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * The provisioner's bearer token: what an ordinary client (the handshake service, the client agent,
 * a developer's curl) presents to have a CSR signed under the issuance policy, as a step-ca
 * provisioner does. From configuration, else from {@code tlsuite.ca.provisioner-token-file}
 * (generated there with mode 0600 at first start, for the local run's clients to read).
 */
@Startup
@ApplicationScoped
public class ProvisionerToken {

    private final byte[] token;

    ProvisionerToken(CaConfig config) {
        this.token =
                AdminToken.resolve(
                                config.provisionerToken(),
                                config.provisionerTokenFile(),
                                "provisioner")
                        .getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String authorization) {
        return Bearer.matches(authorization, token);
    }
}
