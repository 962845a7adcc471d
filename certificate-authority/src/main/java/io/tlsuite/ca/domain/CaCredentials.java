package io.tlsuite.ca.domain;

import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA certificate with its private key: signs certificates, CRLs and OCSP responses. {@link
 * #toString()} never shows the key.
 */
public final class CaCredentials {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String signatureAlgorithm;
    private final X500Name subject;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    public CaCredentials(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.signatureAlgorithm =
                signatureAlgorithmFor(
                        PublicKeyProfile.of(
                                SubjectPublicKeyInfo.getInstance(
                                        certificate.getPublicKey().getEncoded())));
        this.subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        try {
            this.authorityKeyIdentifier =
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of this CA's certificate: the issuer name of what it signs. */
    public X500Name subject() {
        return subject;
    }

    /**
     * The authorityKeyIdentifier of what this CA signs (RFC 5280 §4.2.1.1), computed once: the same
     * for every certificate it issues.
     */
    public AuthorityKeyIdentifier authorityKeyIdentifier() {
        return authorityKeyIdentifier;
    }

    /** The signature a key of this kind makes: hash strength matched to the key. */
    public static String signatureAlgorithmFor(PublicKeyProfile key) {
        return switch (key.family()) {
            case "EC" -> key.bits() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            case "RSA" -> key.bits() >= 4096 ? "SHA384withRSA" : "SHA256withRSA";
            default -> "Ed25519";
        };
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public X509CertificateHolder holder() {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh content signer (BC signers are not thread-safe). */
    public ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(privateKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + signatureAlgorithm, e);
        }
    }

    public X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.PROVIDER)
                    .getCertificate(builder.build(signer()));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot build the certificate", e);
        }
    }

    public java.security.cert.X509CRL sign(X509v2CRLBuilder builder) {
        try {
            return new JcaX509CRLConverter()
                    .setProvider(BouncyCastle.PROVIDER)
                    .getCRL(builder.build(signer()));
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }

    @Override
    public String toString() {
        return "CaCredentials[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
