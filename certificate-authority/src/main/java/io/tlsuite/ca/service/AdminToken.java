package io.tlsuite.ca.service;

import io.quarkus.runtime.Startup;
import io.tlsuite.ca.config.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The administrator's bearer token: from configuration, else from the token file, else generated at
 * first start, written to the token file and printed once in the log (local run).
 */
@Startup
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    private final byte[] token;

    AdminToken(CaConfig config) {
        this.token = resolve(config).getBytes(StandardCharsets.UTF_8);
    }

    private static String resolve(CaConfig config) {
        if (config.adminToken().filter(t -> !t.isBlank()).isPresent()) {
            return config.adminToken().get().trim();
        }
        Path file = config.adminTokenFile().toAbsolutePath();
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file).trim();
                if (!existing.isEmpty()) {
                    LOG.infof("CA admin token read from %s", file);
                    return existing;
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            LOG.infof(
                    "Generated CA admin token: %s (saved in %s; set tlsuite.ca.admin-token to"
                            + " choose one)",
                    generated, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin token file " + file, e);
        }
    }

    /** Whether an {@code Authorization} header carries the admin token (constant-time check). */
    public boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }
}
