package io.tlsuite.agent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.cert.CertificateValidator.Purpose;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * The agent's revocation step with a stapled OCSP response, without any service: the leaf names an
 * OCSP responder that does not exist (port 1), so any answer that does not come from the staple
 * shows as a failed fallback. A good staple decides ({@code stapled-ocsp}) and the responder is
 * never asked; a revoked one is {@code certificate_revoked}; a forged or mismatched one {@code
 * bad_certificate_status_response}; a stale one is not used and the fallback (the dead responder)
 * fails closed; no staple at all is the fallback too.
 */
class StapledRevocationTest {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final KeyPair CA = ec();
    private static final KeyPair STRANGER = ec();
    private static final X509Certificate ROOT = root();
    private static final KeyPair LEAF_KEY = ec();
    private static final X509Certificate LEAF = leaf(LEAF_KEY);
    private static final X509Certificate OTHER = leaf(ec());

    private CheckingValidator validator() {
        RevocationCache revocation =
                new RevocationCache(
                        new RevocationCheck(new CaClient("http://127.0.0.1:1")),
                        Duration.ZERO,
                        Clock.systemUTC());
        return new CheckingValidator(List.of(ROOT), revocation, true, Clock.systemUTC());
    }

    private CertificateCheck revocationCheck(CheckingValidator v) {
        return v.checks().stream()
                .filter(c -> c.name().equals("revocation"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aGoodStapleDecidesWithoutAskingTheResponder() throws Exception {
        CheckingValidator v = validator();
        v.validate(
                List.of(LEAF),
                Purpose.SERVER,
                "stapled.test",
                Optional.of(ocsp(LEAF, CertificateStatus.GOOD, CA.getPrivate(), 0)));
        assertThat(v.revocationSource()).isEqualTo("stapled-ocsp");
        CertificateCheck c = revocationCheck(v);
        assertThat(c.result()).isEqualTo("passed");
        assertThat(c.detail()).startsWith("stapled-ocsp: good").contains("signed by the issuer");
    }

    @Test
    void aRevokedStapleIsCertificateRevoked() throws Exception {
        CheckingValidator v = validator();
        byte[] revoked = ocsp(LEAF, new RevokedStatus(new Date(), 1), CA.getPrivate(), 0);
        assertThatThrownBy(
                        () ->
                                v.validate(
                                        List.of(LEAF),
                                        Purpose.SERVER,
                                        "stapled.test",
                                        Optional.of(revoked)))
                .isInstanceOfSatisfying(
                        TlsAlertException.class,
                        e ->
                                assertThat(e.description())
                                        .isEqualTo(AlertDescription.CERTIFICATE_REVOKED));
        assertThat(v.revocationSource()).isEqualTo("stapled-ocsp");
        assertThat(revocationCheck(v).detail()).startsWith("stapled-ocsp: revoked at");
    }

    @Test
    void aForgedOrMismatchedStapleIsBadCertificateStatusResponse() throws Exception {
        for (byte[] staple :
                List.of(
                        ocsp(LEAF, CertificateStatus.GOOD, STRANGER.getPrivate(), 0),
                        ocsp(OTHER, CertificateStatus.GOOD, CA.getPrivate(), 0),
                        new byte[] {0x30, 0x00})) {
            CheckingValidator v = validator();
            assertThatThrownBy(
                            () ->
                                    v.validate(
                                            List.of(LEAF),
                                            Purpose.SERVER,
                                            "stapled.test",
                                            Optional.of(staple)))
                    .isInstanceOfSatisfying(
                            TlsAlertException.class,
                            e ->
                                    assertThat(e.description())
                                            .isEqualTo(
                                                    AlertDescription
                                                            .BAD_CERTIFICATE_STATUS_RESPONSE));
            assertThat(v.revocationSource()).isEqualTo("stapled-ocsp");
            assertThat(revocationCheck(v).result()).isEqualTo("failed");
        }
    }

    @Test
    void aStaleStapleOrNoneFallsBackToTheAgentsOwnCheck() throws Exception {
        byte[] stale = ocsp(LEAF, CertificateStatus.GOOD, CA.getPrivate(), -3);
        for (Optional<byte[]> staple : List.of(Optional.of(stale), Optional.<byte[]>empty())) {
            CheckingValidator v = validator();
            // The responder the leaf names is down: the fallback fails closed.
            assertThatThrownBy(
                            () -> v.validate(List.of(LEAF), Purpose.SERVER, "stapled.test", staple))
                    .isInstanceOfSatisfying(
                            TlsAlertException.class,
                            e ->
                                    assertThat(e.description())
                                            .isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN));
            assertThat(v.revocationSource()).isEqualTo("none");
            String detail = revocationCheck(v).detail();
            assertThat(detail).startsWith("status unknown, failing closed");
            if (staple.isPresent()) {
                assertThat(detail).contains("staple not used").contains("stale");
            }
        }
    }

    @Test
    void withVerificationOffNothingDecides() throws Exception {
        RevocationCache revocation =
                new RevocationCache(
                        new RevocationCheck(new CaClient("http://127.0.0.1:1")),
                        Duration.ZERO,
                        Clock.systemUTC());
        CheckingValidator v =
                new CheckingValidator(List.of(ROOT), revocation, false, Clock.systemUTC());
        v.validate(List.of(LEAF), Purpose.SERVER, "stapled.test", Optional.empty());
        assertThat(v.revocationSource()).isEqualTo("none");
    }

    /** An OCSP response about {@code cert}, its window shifted by {@code hours}. */
    private static byte[] ocsp(
            X509Certificate cert, CertificateStatus status, PrivateKey signer, int hours)
            throws Exception {
        CertificateID id =
                new CertificateID(
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(ROOT),
                        cert.getSerialNumber());
        Instant at = Instant.now().plus(Duration.ofHours(hours));
        BasicOCSPRespBuilder b =
                new BasicOCSPRespBuilder(
                        new RespID(new JcaX509CertificateHolder(ROOT).getSubject()));
        b.addResponse(
                id,
                status,
                Date.from(at.minusSeconds(60)),
                Date.from(at.plus(Duration.ofHours(1))));
        return new OCSPRespBuilder()
                .build(
                        OCSPRespBuilder.SUCCESSFUL,
                        b.build(
                                new JcaContentSignerBuilder("SHA256withECDSA").build(signer),
                                null,
                                new Date()))
                .getEncoded();
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate root() {
        try {
            X500Name name = new X500Name("CN=stapling test root");
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(Instant.now().minus(Duration.ofDays(1))),
                            Date.from(Instant.now().plus(Duration.ofDays(30))),
                            name,
                            CA.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return sign(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate leaf(KeyPair k) {
        try {
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            new X500Name("CN=stapling test root"),
                            BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(Instant.now().minus(Duration.ofDays(1))),
                            Date.from(Instant.now().plus(Duration.ofDays(30))),
                            new X500Name("CN=stapled.test"),
                            k.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "stapled.test")));
            b.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(
                                    GeneralName.uniformResourceIdentifier,
                                    "http://127.0.0.1:1/ocsp")));
            return sign(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(CA.getPrivate())));
    }
}
