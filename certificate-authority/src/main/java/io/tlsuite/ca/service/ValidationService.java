package io.tlsuite.ca.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.domain.ChainValidator;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.domain.Profile;
import io.tlsuite.ca.domain.RevocationReason;
import io.tlsuite.ca.domain.RevokedEntry;
import io.tlsuite.ca.domain.SerialNumbers;
import io.tlsuite.ca.domain.ValidationResult;
import io.tlsuite.ca.events.OutboxWriter;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.ca.store.CertificateRepository;
import io.tlsuite.events.certificate.ValidationPerformed;
import io.tlsuite.service.problem.CommonProblems;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Validates chains on request and records {@code certificate.validation-performed}. */
@ApplicationScoped
public class ValidationService {

    private final ChainValidator validator;
    private final OutboxWriter outbox;

    ValidationService(
            CaHierarchy hierarchy, CertificateRepository certificates, OutboxWriter outbox) {
        this.outbox = outbox;
        this.validator =
                new ChainValidator(
                        hierarchy.root().certificate(),
                        hierarchy.intermediate().certificate(),
                        serial ->
                                certificates
                                        .find(SerialNumbers.hex(serial))
                                        .filter(c -> CertificateRecord.REVOKED.equals(c.status()))
                                        .map(
                                                c ->
                                                        new RevokedEntry(
                                                                serial,
                                                                c.revokedAt(),
                                                                RevocationReason.parse(
                                                                        c.revocationReason()))));
    }

    /**
     * @param at the time to validate at; now when null
     * @param purposeName {@code server} (default) or {@code client}
     */
    private static final int MAX_HOSTNAME = 253;

    private static final int MAX_CHAIN_CHARS = 64 * 1024;

    public ValidationResult validate(
            String chainPem, String hostname, Instant at, String purposeName) {
        // Bounded before anything reaches the outbox: an event the broker refuses (over its size
        // limit) must never be written. RFC 1035 §2.3.4: a name is at most 253 characters.
        if (hostname != null && hostname.length() > MAX_HOSTNAME) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "hostname must be at most " + MAX_HOSTNAME + " characters");
        }
        if (chainPem != null && chainPem.length() > MAX_CHAIN_CHARS) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "chain must be at most " + MAX_CHAIN_CHARS + " characters of PEM");
        }
        String id = UUID.randomUUID().toString();
        Instant when = at != null ? at : Instant.now();
        Profile purpose = purposeName == null ? Profile.SERVER : Profile.leaf(purposeName);
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(chainPem);
        } catch (CaProblem e) {
            record(id, null, hostname, purpose, when, false, List.of(e.getMessage()));
            throw e;
        }
        ValidationResult result = validator.validate(chain, hostname, when, purpose);
        record(id, result.leafSerial(), hostname, purpose, when, result.valid(), result.problems());
        return result;
    }

    private void record(
            String id,
            String leafSerial,
            String hostname,
            Profile purpose,
            Instant at,
            boolean valid,
            List<String> problems) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                outbox.record(
                                        new ValidationPerformed(
                                                id,
                                                leafSerial,
                                                hostname,
                                                purpose.label(),
                                                at,
                                                valid,
                                                problems)));
    }
}
