package io.tlsuite.events.certificate;

import io.tlsuite.events.EventType;
import java.time.Instant;
import java.util.List;

/**
 * The CA signed a certificate (a leaf from a CSR, or its own root/intermediate at first start).
 *
 * @param serial serial number, lower-case hex
 * @param profile {@code server}, {@code client}, {@code intermediate} or {@code root}
 * @param keyAlgorithm e.g. {@code EC P-256}, {@code RSA 2048}, {@code Ed25519}
 * @param subjectAlternativeNames e.g. {@code DNS:localhost}, {@code IP:127.0.0.1}
 * @param fingerprintSha256 SHA-256 of the DER certificate (public data), hex
 */
@EventType("certificate.issued")
public record CertificateIssued(
        String serial,
        String subject,
        String issuer,
        String profile,
        String keyAlgorithm,
        List<String> subjectAlternativeNames,
        Instant notBefore,
        Instant notAfter,
        String fingerprintSha256)
        implements CertificateEvent {

    @Override
    public String aggregateId() {
        return serial;
    }
}
