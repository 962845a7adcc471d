package io.tlsuite.handshake.lab;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the lab makes itself, outside the suite CA: a self-signed leaf, and a root the agent
 * does not trust with a leaf under it (RFC 5280 profiles, Bouncy Castle builders).
 */
final class LocalCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalCertificates() {}

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate root(KeyPair keys, String cn) {
        return build(
                new X500Name(cn),
                keys.getPublic(),
                new X500Name(cn),
                keys.getPrivate(),
                null,
                true);
    }

    static X509Certificate leaf(
            PublicKey key, String dns, X509Certificate issuer, PrivateKey issuerKey) {
        return build(
                new X500Name("O=TLS Suite Lab,CN=" + dns),
                key,
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey,
                dns,
                false);
    }

    static X509Certificate selfSigned(KeyPair keys, String dns) {
        X500Name name = new X500Name("O=TLS Suite Lab,CN=" + dns);
        return build(name, keys.getPublic(), name, keys.getPrivate(), dns, false);
    }

    private static X509Certificate build(
            X500Name subject,
            PublicKey key,
            X500Name issuer,
            PrivateKey signer,
            String dns,
            boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            issuer,
                            new BigInteger(127, RANDOM),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(30))),
                            subject,
                            key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                b.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a lab certificate: " + e.getMessage(), e);
        }
    }
}
