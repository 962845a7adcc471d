package io.tlsuite.ca.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files that hold secrets (tokens, encrypted CA keys): created with mode 0600 from the first byte
 * (the permission is an attribute of the creation, not a chmod after it, so no other user can open
 * the file in between), replaced atomically.
 */
public final class SecretFiles {

    private SecretFiles() {}

    /** Owner read/write only, where the file system knows POSIX modes. */
    static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    /** Writes {@code content} to {@code target} through a 0600 temporary file and a rename. */
    public static void write(Path target, String content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".secret", ".tmp", ownerOnly());
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The non-blank first line of {@code file}, if the file exists. */
    public static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The token in {@code file}, or a new random one (192 bits, hex) written there with mode 0600
     * when the file is absent. Two processes racing get the same token: the loser reads the
     * winner's file.
     */
    public static String readOrCreateToken(Path file) throws IOException {
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".token", ".tmp", ownerOnly());
        try {
            Files.writeString(temporary, generated + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temporary);
            return generated;
        } catch (FileAlreadyExistsException e) {
            return read(file).orElseThrow(() -> new IOException(file + " exists but is empty"));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
