package io.tlsuite.events.certificate;

import io.tlsuite.events.EventType;
import java.time.Instant;

/**
 * A certificate was revoked; sessions that used it must end.
 *
 * @param reason RFC 5280 reason name, e.g. {@code keyCompromise}
 */
@EventType("certificate.revoked")
public record CertificateRevoked(String serial, String subject, String reason, Instant revokedAt)
        implements CertificateEvent {

    @Override
    public String aggregateId() {
        return serial;
    }
}
