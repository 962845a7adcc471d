package io.tlsuite.events.certificate;

import io.tlsuite.events.EventType;
import java.time.Instant;

/** The CA's sweeper found a certificate past its notAfter. */
@EventType("certificate.expired")
public record CertificateExpired(String serial, String subject, Instant notAfter)
        implements CertificateEvent {

    @Override
    public String aggregateId() {
        return serial;
    }
}
