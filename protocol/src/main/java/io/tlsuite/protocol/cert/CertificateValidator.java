package io.tlsuite.protocol.cert;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

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

    /**
     * The same, with the OCSP response the server stapled for the leaf (RFC 6066 §8; RFC 8446
     * §4.4.2.1): the DER OCSPResponse when the client asked with status_request and the server sent
     * one, else empty. A validator that checks revocation looks at it first ({@link OcspStaple}):
     * revoked is {@code certificate_revoked}, an invalid staple {@code
     * bad_certificate_status_response}. The engine's client calls this one; the default ignores the
     * staple.
     */
    default void validate(
            List<X509Certificate> chain,
            Purpose purpose,
            String expectedName,
            Optional<byte[]> stapledOcspResponse)
            throws TlsAlertException {
        validate(chain, purpose, expectedName);
    }

    /** Accepts anything: only for tests and trace reproduction, never in production. */
    static CertificateValidator insecureAcceptAll() {
        return (chain, purpose, name) -> {};
    }
}
