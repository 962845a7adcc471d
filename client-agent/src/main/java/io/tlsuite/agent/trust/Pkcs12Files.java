package io.tlsuite.agent.trust;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes the agent's stores as PKCS#12 (RFC 7292) files, mode 0600, replaced atomically, so {@code
 * keytool -list} and {@code openssl pkcs12} read them.
 */
final class Pkcs12Files {
    private Pkcs12Files() {}

    static Path writeTrustStore(Path file, List<X509Certificate> roots, char[] password)
            throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                ks.setCertificateEntry(i == 0 ? "ca-root" : "extra-root-" + i, roots.get(i));
            }
            return write(file, ks, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the trust store: " + e.getMessage(), e);
        }
    }

    static Path writeKeyStore(
            Path file, List<X509Certificate> chain, PrivateKey key, char[] password)
            throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            return write(file, ks, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the key store: " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, KeyStore ks, char[] password)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file.toAbsolutePath();
    }
}
