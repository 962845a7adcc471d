package io.tlsuite.handshake.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity that the replicas of one service share, so that one name presents one certificate
 * whichever replica a client reaches: a file in a directory every replica mounts (compose: one
 * volume), written and read under an exclusive file lock. For each credential: its private key
 * (PKCS#8 PEM) and its chain (leaf first). The file is created owner-only (0600), like the secrets
 * of the local run; the root is not stored (it is the CA's, fetched at each use).
 */
final class SharedIdentityFile {
    private static final Pattern BLOCK =
            Pattern.compile(
                    "-----BEGIN (PRIVATE KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** Enrols a new identity at the CA. */
    interface Enrolment {
        ServerIdentity enrol() throws EnrolmentException;
    }

    /** Whether the stored identity may be served as it is. */
    interface Usable {
        boolean test(ServerIdentity stored);
    }

    private final Path dir;
    private final Path file;
    private final Path lock;

    SharedIdentityFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("identity.pem");
        this.lock = dir.resolve("identity.lock");
    }

    /**
     * Under the lock: the stored identity if there is one that {@code usable} accepts, else a new
     * one from {@code enrolment}, stored for the other replicas. Only one replica enrols at a time,
     * and the others then take what it stored.
     */
    ServerIdentity getOrEnrol(X509Certificate root, Usable usable, Enrolment enrolment)
            throws EnrolmentException {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel =
                            FileChannel.open(
                                    lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                Optional<ServerIdentity> stored = read(root);
                if (stored.isPresent() && usable.test(stored.get())) {
                    return stored.get();
                }
                ServerIdentity fresh = enrolment.enrol();
                write(fresh);
                return fresh;
            }
        } catch (IOException e) {
            throw new EnrolmentException(
                    "the shared identity in " + dir + " cannot be used: " + e.getMessage());
        }
    }

    /** The stored identity, if the file is there and reads as one; its chains lead to root. */
    Optional<ServerIdentity> read(X509Certificate root) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<ServerIdentity.Credential> credentials = new ArrayList<>();
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2).strip());
                if (m.group(1).equals("PRIVATE KEY")) {
                    if (key != null) {
                        credentials.add(new ServerIdentity.Credential(chain, key));
                    }
                    chain = new ArrayList<>();
                    key = privateKey(der);
                } else {
                    chain.addAll(Pem.certificates(Pem.encode("CERTIFICATE", der)));
                }
            }
            if (key != null) {
                credentials.add(new ServerIdentity.Credential(chain, key));
            }
            if (credentials.isEmpty()) {
                return Optional.empty();
            }
            for (ServerIdentity.Credential c : credentials) {
                verify(c.chain(), root);
            }
            return Optional.of(new ServerIdentity(credentials, root));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Not ours, or signed under another root (the CA was reset): enrol anew.
            return Optional.empty();
        }
    }

    private void write(ServerIdentity identity) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ServerIdentity.Credential c : identity.credentials()) {
            text.append(Pem.encode("PRIVATE KEY", c.privateKey().getEncoded()));
            for (X509Certificate cert : c.chain()) {
                text.append(Pem.certificate(cert));
            }
        }
        Path tmp =
                Files.createTempFile(
                        dir,
                        "identity-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (java.security.spec.InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new java.security.spec.InvalidKeySpecException("neither an EC nor an RSA key");
    }

    private static void verify(List<X509Certificate> chain, X509Certificate root)
            throws GeneralSecurityException {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
            chain.get(i).verify(issuer.getPublicKey());
        }
    }
}
