package io.tlsuite.handshake.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bearer token this service presents to the CA (a provisioner token, as step-ca's are): the
 * configured one, else the token file the CA writes at its first start in the local run. The file
 * is read on every call, since the CA may start after us. Never logged.
 */
public final class CaToken {
    private final Optional<String> configured;
    private final Path file;

    public CaToken(Optional<String> configured, Path file) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty());
        this.file = file;
    }

    /** A fixed token (tests, tools). */
    public static CaToken of(String token) {
        return new CaToken(Optional.of(token), Path.of("unused"));
    }

    /** The value of {@code Authorization}. */
    public String authorization() throws EnrolmentException {
        if (configured.isPresent()) {
            return "Bearer " + configured.get();
        }
        try {
            if (Files.isRegularFile(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!token.isEmpty()) {
                    return "Bearer " + token;
                }
            }
        } catch (IOException e) {
            throw new EnrolmentException("cannot read the CA token file " + file, 0, null, e);
        }
        throw new EnrolmentException(
                "no CA provisioner token: set handshake.ca-token or create " + file);
    }
}
