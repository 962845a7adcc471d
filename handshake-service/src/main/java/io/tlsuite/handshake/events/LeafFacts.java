package io.tlsuite.handshake.events;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the handshake events say about a certificate: subject, serial (lower-case hex), issuer and
 * validity. The server sends the same few leaves on every connection, so the facts of recently seen
 * certificates are kept by their DER encoding instead of parsing and naming them again each time.
 *
 * @param subject the subject's RFC 2253 name
 * @param serial the serial number in lower-case hex
 * @param issuer the issuer's RFC 2253 name
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
record LeafFacts(
        String subject, String serial, String issuer, Instant notBefore, Instant notAfter) {

    /** Bound on remembered certificates (clients' leaves vary; the map is emptied when full). */
    static final int REMEMBERED = 64;

    private static final Map<ByteBuffer, LeafFacts> SEEN = new ConcurrentHashMap<>();

    /** The facts of a DER certificate, or null when the bytes are not one. */
    static LeafFacts of(byte[] der) {
        LeafFacts known = SEEN.get(ByteBuffer.wrap(der));
        if (known != null) {
            return known;
        }
        LeafFacts facts = parse(der);
        if (facts != null) {
            if (SEEN.size() >= REMEMBERED) {
                SEEN.clear();
            }
            // The map keeps its own copy: the caller may reuse its array.
            SEEN.put(ByteBuffer.wrap(der.clone()), facts);
        }
        return facts;
    }

    private static LeafFacts parse(byte[] der) {
        try {
            X509Certificate c =
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(der));
            return new LeafFacts(
                    c.getSubjectX500Principal().getName(),
                    c.getSerialNumber().toString(16),
                    c.getIssuerX500Principal().getName(),
                    c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant());
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }
}
