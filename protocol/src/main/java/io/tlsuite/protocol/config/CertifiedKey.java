package io.tlsuite.protocol.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One identity: a certificate chain (leaf first) and the private key of its leaf. A server may hold
 * several (e.g. ECDSA P-256 and RSA-2048) and picks one per handshake.
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {
    public CertifiedKey {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least its leaf");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The leaf's public key algorithm ("EC", "RSA", "Ed25519"); never the key itself. */
    @Override
    public String toString() {
        return "CertifiedKey["
                + leaf().getSubjectX500Principal().getName()
                + ", "
                + leaf().getPublicKey().getAlgorithm()
                + ", "
                + chain.size()
                + " certs]";
    }
}
