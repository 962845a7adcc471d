package io.tlsuite.sessionstore.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared token file of a local run: read it, or create it with a random token if nobody has.
 * Creation is atomic (written aside, then hard-linked into place, which fails if the file exists),
 * so services starting together agree on one token whichever comes first, and a reader never sees a
 * half-written file.
 */
final class TokenFile {

    private TokenFile() {}

    /** The token in {@code file}, creating the file (mode 600) with a random token if absent. */
    static String readOrCreate(Path file) throws IOException {
        String existing = read(file);
        if (existing != null) {
            return existing;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path aside = Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(aside, generated + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, aside);
            return generated;
        } catch (FileAlreadyExistsException e) {
            String winner = read(file);
            if (winner == null) {
                throw new IOException("token file " + file + " exists but is empty");
            }
            return winner;
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        return token.isEmpty() ? null : token;
    }
}
