package io.tlsuite.protocol.cert;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a peer's certificate chain (leaf first, as sent) is acceptable. Failures are
 * alerts: bad_certificate, certificate_expired, certificate_revoked, unknown_ca, ...
 */
@FunctionalInterface
public interface CertificateValidator {
    enum Purpose {
        /** The peer is a server: EKU serverAuth, name checked against {@code expectedName}. */
        SERVER,
        /** The peer is a client: EKU clientAuth. */
        CLIENT
    }

    /**
     * @param expectedName the host name or IP literal to match (server purpose), or null to skip
     *     the match
     */
    void validate(List<X509Certificate> chain, Purpose purpose, String expectedName)
            throws TlsAlertException;

    /** Accepts anything: only for tests and trace reproduction, never in production. */
    static CertificateValidator insecureAcceptAll() {
        return (chain, purpose, name) -> {};
    }
}
