package io.tlsuite.ca.domain;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Builds a complete (non-delta) v2 CRL, RFC 5280 §5. */
public final class CrlBuilder {

    private CrlBuilder() {}

    /**
     * @param number the monotonically increasing cRLNumber (RFC 5280 §5.2.3)
     * @param nextUpdate when the next CRL will be issued at the latest (RFC 5280 §5.1.2.5)
     */
    public static X509CRL build(
            CaCredentials issuer,
            long number,
            Instant thisUpdate,
            Instant nextUpdate,
            List<RevokedEntry> entries) {
        X509v2CRLBuilder builder =
                new X509v2CRLBuilder(
                        X500Name.getInstance(
                                issuer.certificate().getSubjectX500Principal().getEncoded()),
                        Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedEntry entry : entries) {
            // RFC 5280 §5.3.1: the reasonCode extension is absent for "unspecified".
            if (entry.reason() == RevocationReason.UNSPECIFIED) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), null);
            } else {
                builder.addCRLEntry(
                        entry.serial(), Date.from(entry.revokedAt()), entry.reason().code());
            }
        }
        try {
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(
                    Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        } catch (IOException | NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return issuer.sign(builder);
    }
}
