package io.tlsuite.ca.store;

import java.time.Instant;
import java.util.List;

/**
 * A certificate as the store keeps it.
 *
 * @param status {@code valid}, {@code revoked} or {@code expired}
 */
public record CertificateRecord(
        String serial,
        String subject,
        String issuer,
        String profile,
        String keyAlgorithm,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        String status,
        String revocationReason,
        Instant revokedAt,
        Instant issuedAt,
        String pem) {

    public static final String VALID = "valid";
    public static final String REVOKED = "revoked";
    public static final String EXPIRED = "expired";
}
