package io.tlsuite.events.certificate;

import io.tlsuite.events.EventType;
import java.time.Instant;
import java.util.List;

/**
 * The CA validated a chain on request. Keyed by the leaf serial (or the validation id when the
 * chain could not be parsed).
 *
 * @param purpose {@code server} or {@code client}
 * @param problems human-readable reasons when {@code valid} is false
 */
@EventType("certificate.validation-performed")
public record ValidationPerformed(
        String validationId,
        String leafSerial,
        String hostname,
        String purpose,
        Instant at,
        boolean valid,
        List<String> problems)
        implements CertificateEvent {

    @Override
    public String aggregateId() {
        return leafSerial != null ? leafSerial : validationId;
    }
}
