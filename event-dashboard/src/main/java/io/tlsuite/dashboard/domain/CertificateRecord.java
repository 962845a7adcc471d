package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One certificate of the inventory, with the sessions that were made with it. */
final class CertificateRecord {

    static final int MAX_SESSIONS = 200;

    final String serial;
    String subject;
    String issuer;
    String profile;
    String keyAlgorithm;
    List<String> subjectAlternativeNames = List.of();
    Instant notBefore;
    Instant notAfter;
    Instant issuedAt;
    String state = "issued";
    Instant revokedAt;
    String revocationReason;
    long handshakes;
    long sessionCount;
    final Set<String> sessions = new LinkedHashSet<>();

    CertificateRecord(String serial) {
        this.serial = serial;
    }

    void usedBy(String sessionId) {
        sessionCount++;
        if (sessions.size() < MAX_SESSIONS) {
            sessions.add(sessionId);
        }
    }

    CertificateView view(Instant now, java.time.Duration expiringWithin) {
        String shown = state;
        if ("issued".equals(state) && notAfter != null) {
            if (notAfter.isBefore(now)) {
                shown = "expired";
            } else if (notAfter.isBefore(now.plus(expiringWithin))) {
                shown = "expiring-soon";
            }
        }
        return new CertificateView(
                serial,
                subject,
                issuer,
                profile,
                keyAlgorithm,
                subjectAlternativeNames,
                notBefore,
                notAfter,
                issuedAt,
                shown,
                revokedAt,
                revocationReason,
                handshakes,
                sessionCount,
                List.copyOf(sessions));
    }
}
