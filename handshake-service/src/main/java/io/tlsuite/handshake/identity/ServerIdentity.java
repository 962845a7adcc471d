package io.tlsuite.handshake.identity;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The server's enrolled identity: one credential per configured key type (the first is the primary,
 * e.g. ECDSA P-256 then RSA-2048), each a private key and the chain the CA returned for it (leaf
 * first, then the intermediate), and the root they lead to. Holds private keys: never logged
 * ({@link #toString()} names only public facts), never serialised.
 */
public record ServerIdentity(List<Credential> credentials, X509Certificate root) {

    /** One certificate chain and the private key of its leaf. */
    public record Credential(List<X509Certificate> chain, PrivateKey privateKey) {
        public Credential {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("empty chain");
            }
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** The leaf's serial number, lower-case hex as the CA and events spell it. */
        public String serial() {
            return leaf().getSerialNumber().toString(16);
        }

        /** "EC" or "RSA". */
        public String keyAlgorithm() {
            return leaf().getPublicKey().getAlgorithm();
        }

        @Override
        public String toString() {
            return keyAlgorithm() + " serial " + serial() + " (private key redacted)";
        }
    }

    public ServerIdentity {
        credentials = List.copyOf(credentials);
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("no credential");
        }
    }

    /** A single-credential identity. */
    public ServerIdentity(List<X509Certificate> chain, PrivateKey key, X509Certificate root) {
        this(List.of(new Credential(chain, key)), root);
    }

    public Credential primary() {
        return credentials.get(0);
    }

    /** The primary credential's chain. */
    public List<X509Certificate> chain() {
        return primary().chain();
    }

    /** The primary credential's key. */
    public PrivateKey privateKey() {
        return primary().privateKey();
    }

    public X509Certificate leaf() {
        return primary().leaf();
    }

    /** The primary leaf's serial number, lower-case hex. */
    public String serial() {
        return primary().serial();
    }

    /** Every leaf's serial, primary first. */
    public List<String> serials() {
        return credentials.stream().map(Credential::serial).toList();
    }

    /** Whether one of our leaves has this serial (hex, any case, colons allowed). */
    public boolean owns(String serialHex) {
        if (serialHex == null) {
            return false;
        }
        BigInteger wanted;
        try {
            wanted = new BigInteger(serialHex.replace(":", ""), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        return credentials.stream().anyMatch(c -> c.leaf().getSerialNumber().equals(wanted));
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    /** The earliest expiry over all credentials. */
    public Instant notAfter() {
        return credentials.stream()
                .map(c -> c.leaf().getNotAfter().toInstant())
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** When to renew: two thirds into the shortest certificate lifetime. */
    public Instant renewAt() {
        return credentials.stream()
                .map(
                        c -> {
                            Instant from = c.leaf().getNotBefore().toInstant();
                            Duration life =
                                    Duration.between(from, c.leaf().getNotAfter().toInstant());
                            return from.plus(life.multipliedBy(2).dividedBy(3));
                        })
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    public String subject() {
        return leaf().getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "ServerIdentity[serial="
                + serial()
                + ", subject="
                + subject()
                + ", credentials="
                + credentials
                + ", notAfter="
                + notAfter()
                + ", privateKey=redacted]";
    }
}
