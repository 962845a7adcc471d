package io.tlsuite.ca.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every supported key type as the CA's own key: the hierarchy, a leaf, a CRL and an OCSP response
 * are signed with it and verify (without a framework or database).
 */
class HierarchyKeyTypesTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aHierarchyOfEachKeyTypeSignsLeavesCrlsAndOcspResponses(KeyType type) throws Exception {
        CertificateIssuer issuer = new CertificateIssuer("http://ca.test");
        CaCredentials root = issuer.createRoot(new X500Name("CN=R"), type, Duration.ofDays(10));
        CaCredentials intermediate =
                issuer.createIntermediate(root, new X500Name("CN=I"), type, Duration.ofDays(5));
        intermediate.certificate().verify(root.certificate().getPublicKey());

        KeyPair leafKeys = KeyType.EC_P256.generate();
        CertificateRequest request =
                new CertificateRequest(
                        new X500Name("CN=leaf.test"),
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                                leafKeys.getPublic().getEncoded()),
                        new PublicKeyProfile("EC", 256, "EC P-256"),
                        List.of(SubjectAltName.dns("leaf.test")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BigInteger serial = SerialNumbers.next();
        X509Certificate leaf =
                issuer.issueLeaf(
                        intermediate,
                        request,
                        Profile.SERVER,
                        serial,
                        now,
                        now.plus(Duration.ofDays(1)));

        ChainValidator validator =
                new ChainValidator(
                        root.certificate(), intermediate.certificate(), s -> Optional.empty());
        ValidationResult result =
                validator.validate(
                        List.of(leaf, intermediate.certificate()),
                        "leaf.test",
                        now.plusSeconds(1),
                        Profile.SERVER);
        assertThat(result.problems()).isEmpty();
        assertThat(leaf.getSigAlgName()).isNotBlank();
        // What issuance takes from the issuer once, not per leaf: its name and key identifier.
        assertThat(leaf.getIssuerX500Principal())
                .isEqualTo(intermediate.certificate().getSubjectX500Principal());
        assertThat(
                        org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.fromExtensions(
                                        new X509CertificateHolder(leaf.getEncoded())
                                                .getExtensions())
                                .getKeyIdentifierOctets())
                .isEqualTo(
                        org.bouncycastle.asn1.x509.SubjectKeyIdentifier.fromExtensions(
                                        new X509CertificateHolder(
                                                        intermediate.certificate().getEncoded())
                                                .getExtensions())
                                .getKeyIdentifier());
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(now);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(1)));

        RevokedEntry revoked = new RevokedEntry(serial, now, RevocationReason.SUPERSEDED);
        X509CRL crl =
                CrlBuilder.build(
                        intermediate, 7, now, now.plus(Duration.ofHours(1)), List.of(revoked));
        crl.verify(intermediate.certificate().getPublicKey());
        assertThat(crl.isRevoked(leaf)).isTrue();

        CertificateID id =
                new CertificateID(
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(CertificateID.HASH_SHA1),
                        new X509CertificateHolder(intermediate.certificate().getEncoded()),
                        serial);
        byte[] response =
                new OcspResponder(intermediate, Duration.ofMinutes(5))
                        .respond(
                                new OCSPReqBuilder().addRequest(id).build().getEncoded(),
                                s -> Optional.of(Optional.of(revoked)),
                                now);
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response).getResponseObject();
        assertThat(
                        basic.isSignatureValid(
                                new JcaContentVerifierProviderBuilder()
                                        .setProvider(BouncyCastle.PROVIDER)
                                        .build(intermediate.certificate().getPublicKey())))
                .isTrue();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
    }
}
