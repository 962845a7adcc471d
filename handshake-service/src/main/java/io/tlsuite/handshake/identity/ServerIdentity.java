package io.tlsuite.handshake.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's enrolled identity: its private key, the chain the CA returned (leaf first, then the
 * intermediate) and the root it leads to. Holds a private key: never logged ({@link #toString()}
 * names only public facts), never serialised.
 */
public record ServerIdentity(
        List<X509Certificate> chain, PrivateKey privateKey, X509Certificate root) {

    public ServerIdentity {
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

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** When to renew: two thirds into the certificate's lifetime. */
    public Instant renewAt() {
        Duration life = Duration.between(notBefore(), notAfter());
        return notBefore().plus(life.multipliedBy(2).dividedBy(3));
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
                + ", notAfter="
                + notAfter()
                + ", privateKey=redacted]";
    }
}
