package io.tlsuite.handshake.lab;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** The lab identities (badssl.com style bad servers on the TLS port, chosen by SNI name). */
@ConfigMapping(prefix = "lab")
public interface LabConfig {

    /** Serve the lab identities (on in the local run, off in tests and by config). */
    @WithDefault("false")
    boolean enabled();

    /** Names are {@code expired.DOMAIN}, {@code revoked.DOMAIN}, ... */
    @WithDefault("lab.localhost")
    String domain();

    /** The CA admin token, for backdating and revoking; else read from the file below. */
    @WithName("ca-admin-token")
    Optional<String> caAdminToken();

    @WithName("ca-admin-token-file")
    @WithDefault(".suite/ca-admin-token")
    String caAdminTokenFile();
}
