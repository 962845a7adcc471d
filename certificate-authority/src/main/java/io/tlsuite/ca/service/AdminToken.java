package io.tlsuite.ca.service;

import io.quarkus.runtime.Startup;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.store.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The administrator's bearer token: from configuration, else from the token file, else generated at
 * first start into the token file (mode 0600 from creation). The token itself is never logged: the
 * log says where the file is.
 */
@Startup
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    private final byte[] token;

    AdminToken(CaConfig config) {
        this.token =
                resolve(config.adminToken(), config.adminTokenFile(), "admin")
                        .getBytes(StandardCharsets.UTF_8);
    }

    static String resolve(java.util.Optional<String> configured, Path file, String role) {
        if (configured.filter(t -> !t.isBlank()).isPresent()) {
            LOG.infof("CA %s token from configuration", role);
            return configured.get().trim();
        }
        Path absolute = file.toAbsolutePath();
        try {
            String token = SecretFiles.readOrCreateToken(absolute);
            LOG.infof("CA %s token in %s (read, or created with mode 0600)", role, absolute);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or write the " + role + " token file " + absolute, e);
        }
    }

    /** Whether an {@code Authorization} header carries the admin token (constant-time check). */
    public boolean matches(String authorization) {
        return Bearer.matches(authorization, token);
    }
}
