package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.List;

/**
 * A certificate of the inventory.
 *
 * @param state {@code issued}, {@code expiring-soon}, {@code expired} or {@code revoked}
 * @param handshakes handshakes in which the server presented it
 * @param sessionCount sessions made with it; {@code sessions} lists the first of them
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
        Instant issuedAt,
        String state,
        Instant revokedAt,
        String revocationReason,
        long handshakes,
        long sessionCount,
        List<String> sessions) {}
