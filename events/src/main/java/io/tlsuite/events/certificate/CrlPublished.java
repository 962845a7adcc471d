package io.tlsuite.events.certificate;

import io.tlsuite.events.EventType;
import java.time.Instant;

/**
 * A new CRL was signed. Keyed by the serial of the issuing CA certificate, so CRLs stay in order.
 */
@EventType("certificate.crl-published")
public record CrlPublished(
        String issuerSerial,
        String issuer,
        long crlNumber,
        Instant thisUpdate,
        Instant nextUpdate,
        int revokedCount)
        implements CertificateEvent {

    @Override
    public String aggregateId() {
        return issuerSerial;
    }
}
