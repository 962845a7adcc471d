package io.tlsuite.ca.domain;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds the certificates of the hierarchy and the leaves the intermediate signs (RFC 5280). */
public final class CertificateIssuer {

    /** Where the issuing (intermediate) certificate is served as DER, below the public URL. */
    public static final String CA_ISSUERS_PATH = "/api/v1/ca/intermediate.der";

    private final String publicUrl;

    /**
     * @param publicUrl base URL where clients reach this CA; leaves point to its {@code /crl},
     *     {@code /ocsp} and {@link #CA_ISSUERS_PATH}
     */
    public CertificateIssuer(String publicUrl) {
        this.publicUrl =
                publicUrl.endsWith("/")
                        ? publicUrl.substring(0, publicUrl.length() - 1)
                        : publicUrl;
    }

    /** A self-signed root: CA, any path length, keyCertSign and cRLSign (RFC 5280 §4.2.1.9). */
    public CaCredentials createRoot(X500Name subject, KeyType keyType, Duration validity) {
        KeyPair keys = keyType.generate();
        Instant now = Instant.now();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        X509v3CertificateBuilder builder =
                new X509v3CertificateBuilder(
                        subject,
                        SerialNumbers.next(),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(validity)),
                        subject,
                        spki);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new CaCredentials(selfSign(builder, spki, keys), keys.getPrivate());
    }

    private static X509Certificate selfSign(
            X509v3CertificateBuilder builder, SubjectPublicKeyInfo spki, KeyPair keys) {
        String algorithm = CaCredentials.signatureAlgorithmFor(PublicKeyProfile.of(spki));
        try {
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.PROVIDER)
                    .getCertificate(
                            builder.build(
                                    new JcaContentSignerBuilder(algorithm)
                                            .setProvider(BouncyCastle.PROVIDER)
                                            .build(keys.getPrivate())));
        } catch (CertificateException | OperatorCreationException e) {
            throw new IllegalStateException("cannot self-sign the root", e);
        }
    }

    /** An intermediate under {@code root}: CA with path length 0, so it signs only leaves. */
    public CaCredentials createIntermediate(
            CaCredentials root, X500Name subject, KeyType keyType, Duration validity) {
        KeyPair keys = keyType.generate();
        Instant now = Instant.now();
        Instant notAfter = min(now.plus(validity), root.certificate().getNotAfter().toInstant());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        X509v3CertificateBuilder builder =
                new X509v3CertificateBuilder(
                        X500Name.getInstance(
                                root.certificate().getSubjectX500Principal().getEncoded()),
                        SerialNumbers.next(),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(notAfter),
                        subject,
                        spki);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(root.certificate()));
        } catch (CertIOException | NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new CaCredentials(root.sign(builder), keys.getPrivate());
    }

    /**
     * A leaf signed by {@code issuer} for a checked request. Server leaves get serverAuth, client
     * leaves clientAuth (RFC 5280 §4.2.1.12); both digitalSignature, RSA keys also keyEncipherment
     * (TLS 1.2 RSA key transport).
     */
    public X509Certificate issueLeaf(
            CaCredentials issuer,
            CertificateRequest request,
            Profile profile,
            BigInteger serial,
            Instant notBefore,
            Instant notAfter) {
        X509v3CertificateBuilder builder =
                new X509v3CertificateBuilder(
                        issuer.subject(),
                        serial,
                        ValidityTime.of(notBefore),
                        ValidityTime.of(notAfter),
                        request.subject(),
                        request.publicKey());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature;
            if (request.keyProfile().isRsa()) {
                usage |= KeyUsage.keyEncipherment;
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.purposes()));
            if (!request.subjectAltNames().isEmpty()) {
                // RFC 5280 §4.2.1.6: critical when the subject is empty.
                boolean critical = request.subject().getRDNs().length == 0;
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        critical,
                        new GeneralNames(
                                request.subjectAltNames().stream()
                                        .map(SubjectAltName::toGeneralName)
                                        .toArray(GeneralName[]::new)));
            }
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(request.publicKey()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, issuer.authorityKeyIdentifier());
            // RFC 5280 §4.2.1.13 and §4.2.2.1: where to find the CRL and the OCSP responder.
            builder.addExtension(
                    Extension.cRLDistributionPoints,
                    false,
                    new CRLDistPoint(
                            new DistributionPoint[] {
                                new DistributionPoint(
                                        new DistributionPointName(
                                                new GeneralNames(
                                                        new GeneralName(
                                                                GeneralName
                                                                        .uniformResourceIdentifier,
                                                                publicUrl + "/crl"))),
                                        null,
                                        null)
                            }));
            // RFC 5280 §4.2.2.1: the OCSP responder and, for clients handed an incomplete
            // chain, where the issuing CA's certificate is (one DER certificate over HTTP).
            builder.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            new AccessDescription[] {
                                new AccessDescription(
                                        AccessDescription.id_ad_ocsp,
                                        new GeneralName(
                                                GeneralName.uniformResourceIdentifier,
                                                publicUrl + "/ocsp")),
                                new AccessDescription(
                                        AccessDescription.id_ad_caIssuers,
                                        new GeneralName(
                                                GeneralName.uniformResourceIdentifier,
                                                publicUrl + CA_ISSUERS_PATH))
                            }));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return issuer.sign(builder);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
