package io.tlsuite.ca.api;

import io.tlsuite.ca.store.CertificateRecord;
import java.time.Instant;
import java.util.List;

/**
 * A certificate with its status.
 *
 * @param status {@code valid}, {@code revoked} or {@code expired}
 * @param revocationReason RFC 5280 reason name when revoked
 */
public record CertificateView(
        String serial,
        String subject,
        String issuer,
        String profile,
        String keyAlgorithm,
        List<String> subjectAlternativeNames,
        Instant notBefore,
        Instant notAfter,
        String status,
        String revocationReason,
        Instant revokedAt,
        String certificate) {

    static CertificateView of(CertificateRecord c) {
        return new CertificateView(
                c.serial(),
                c.subject(),
                c.issuer(),
                c.profile(),
                c.keyAlgorithm(),
                c.subjectAltNames(),
                c.notBefore(),
                c.notAfter(),
                c.status(),
                c.revocationReason(),
                c.revokedAt(),
                c.pem());
    }
}
