package io.tlsuite.ca.events;

import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.events.certificate.CertificateExpired;
import io.tlsuite.events.certificate.CertificateIssued;
import io.tlsuite.events.certificate.CertificateRevoked;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/** The certificate events of stored certificates. Public data only, never a key. */
public final class CertificateEvents {

    private CertificateEvents() {}

    public static CertificateIssued issued(CertificateRecord c, X509Certificate certificate) {
        return new CertificateIssued(
                c.serial(),
                c.subject(),
                c.issuer(),
                c.profile(),
                c.keyAlgorithm(),
                c.subjectAltNames(),
                c.notBefore(),
                c.notAfter(),
                fingerprint(certificate));
    }

    public static CertificateRevoked revoked(CertificateRecord c, String reason, Instant at) {
        return new CertificateRevoked(c.serial(), c.subject(), reason, at);
    }

    public static CertificateExpired expired(CertificateRecord c) {
        return new CertificateExpired(c.serial(), c.subject(), c.notAfter());
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
