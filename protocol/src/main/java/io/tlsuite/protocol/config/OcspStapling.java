package io.tlsuite.protocol.config;

import java.util.Optional;

/**
 * Server: where the OCSP response stapled for an identity comes from (RFC 6066 §8 for TLS 1.2, RFC
 * 8446 §4.4.2.1 for TLS 1.3). The engine asks only when the client sent status_request of type ocsp
 * and the handshake sends a certificate (not when resuming). It is called in the middle of a
 * handshake: answer from memory and never block (fetching and caching belong to the caller); an
 * empty answer, or a runtime exception, means the certificate goes out without a response.
 */
@FunctionalInterface
public interface OcspStapling {
    /** Staples nothing. */
    OcspStapling NONE = identity -> Optional.empty();

    /**
     * The DER-encoded OCSPResponse (RFC 6960 §4.2.1) for {@code identity}'s leaf certificate, or
     * empty. The engine does not modify the returned array.
     */
    Optional<byte[]> responseFor(CertifiedKey identity);
}
