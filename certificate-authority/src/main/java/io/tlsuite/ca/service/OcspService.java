package io.tlsuite.ca.service;

import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.OcspResponder;
import io.tlsuite.ca.domain.RevocationReason;
import io.tlsuite.ca.domain.RevokedEntry;
import io.tlsuite.ca.domain.SerialNumbers;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.ca.store.CertificateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Answers OCSP requests (RFC 6960) about the intermediate's leaves from the store. */
@ApplicationScoped
public class OcspService {

    private final OcspResponder responder;
    private final CertificateRepository certificates;
    private final String issuerName;

    OcspService(CaHierarchy hierarchy, CaConfig config, CertificateRepository certificates) {
        this.responder = new OcspResponder(hierarchy.intermediate(), config.ocsp().nextUpdate());
        this.certificates = certificates;
        this.issuerName = hierarchy.intermediateName();
    }

    public byte[] respond(byte[] request) {
        return responder.respond(request, this::status, Instant.now());
    }

    private Optional<Optional<RevokedEntry>> status(java.math.BigInteger serial) {
        return certificates
                .find(SerialNumbers.hex(serial))
                .filter(c -> c.issuer().equals(issuerName))
                .map(
                        c ->
                                CertificateRecord.REVOKED.equals(c.status())
                                        ? Optional.of(
                                                new RevokedEntry(
                                                        serial,
                                                        c.revokedAt(),
                                                        RevocationReason.parse(
                                                                c.revocationReason())))
                                        : Optional.empty());
    }
}
