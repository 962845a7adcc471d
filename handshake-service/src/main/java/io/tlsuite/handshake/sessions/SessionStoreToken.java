package io.tlsuite.handshake.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The session store's service token: the configured one, else the token file the store writes on
 * its first start. The file is read on every call, since the store may start after us. Never
 * logged.
 */
public final class SessionStoreToken {
    private final Optional<String> configured;
    private final Path file;

    public SessionStoreToken(Optional<String> configured, Path file) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty());
        this.file = file;
    }

    /** The token to send as {@code Authorization: Bearer}. */
    public String get() throws IOException {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "no session store token: set handshake.session-store.token or create " + file);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
