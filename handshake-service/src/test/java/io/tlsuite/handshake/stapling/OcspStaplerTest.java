package io.tlsuite.handshake.stapling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.protocol.config.CertifiedKey;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stapler against a real HTTP OCSP responder (the test CA's {@code /ocsp}): it fetches for each
 * certificate of the identity, checks, serves from memory, retries while the responder is down and
 * forgets the certificates of a replaced identity.
 */
class OcspStaplerTest {
    TestCertificateAuthority ca;
    OcspStapler stapler;

    @BeforeEach
    void start() throws Exception {
        ca = new TestCertificateAuthority();
        stapler =
                new OcspStapler(
                        client(ca),
                        Clock.systemUTC(),
                        Duration.ofMinutes(10),
                        Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        stapler.close();
        ca.close();
    }

    static OcspResponderClient client(TestCertificateAuthority ca) {
        return new OcspResponderClient(
                URI.create(ca.url() + "/ocsp"), Duration.ofSeconds(5), Clock.systemUTC());
    }

    ServerIdentity.Credential credential() throws Exception {
        KeyPair keys = TestCertificateAuthority.keyPair();
        X509Certificate leaf =
                ca.issueFor(
                        keys.getPublic(),
                        "localhost",
                        KeyPurposeId.id_kp_serverAuth,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new ServerIdentity.Credential(List.of(leaf, ca.intermediate), keys.getPrivate());
    }

    static CertifiedKey key(ServerIdentity.Credential c) {
        return new CertifiedKey(c.chain(), c.privateKey());
    }

    @Test
    void fetchesAGoodResponseForEveryCertificateAndServesItFromMemory() throws Exception {
        ServerIdentity.Credential ec = credential();
        ServerIdentity.Credential other = credential();
        assertThat(stapler.responseFor(key(ec))).isEmpty();
        assertThat(stapler.settled()).isFalse();
        stapler.identityChanged(new ServerIdentity(List.of(ec, other), ca.root));
        await().atMost(Duration.ofSeconds(10)).until(stapler::settled);

        for (ServerIdentity.Credential c : List.of(ec, other)) {
            byte[] der = stapler.responseFor(key(c)).orElseThrow();
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
            assertThat(basic.getResponses()).hasSize(1);
            assertThat(basic.getResponses()[0].getCertID().getSerialNumber())
                    .isEqualTo(c.leaf().getSerialNumber());
            assertThat(basic.getResponses()[0].getCertStatus()).as("good").isNull();
            // The responder attached the intermediate; stapled without it, still verifying.
            assertThat(basic.getCerts()).isEmpty();
            assertThat(
                            basic.isSignatureValid(
                                    new org.bouncycastle.operator.jcajce
                                                    .JcaContentVerifierProviderBuilder()
                                            .build(ca.intermediate.getPublicKey())))
                    .isTrue();
        }
        assertThat(stapler.outcomes())
                .hasSize(2)
                .allSatisfy((s, o) -> assertThat(o).startsWith("good until"));
        int requests = ca.ocspRequests();
        // Handshakes read the cache: no further request to the responder.
        for (int i = 0; i < 50; i++) {
            assertThat(stapler.responseFor(key(ec))).isPresent();
        }
        assertThat(ca.ocspRequests()).isEqualTo(requests);
    }

    @Test
    void whileTheResponderIsDownNothingIsStapledAndTheFetchIsRetried() throws Exception {
        ca.ocspDown(true);
        ServerIdentity.Credential c = credential();
        stapler.identityChanged(new ServerIdentity(List.of(c), ca.root));
        await().atMost(Duration.ofSeconds(10)).until(stapler::settled);
        assertThat(stapler.responseFor(key(c))).isEmpty();
        assertThat(stapler.outcomes().values()).singleElement().asString().contains("HTTP 503");
        await().atMost(Duration.ofSeconds(10)).until(() -> ca.ocspRequests() >= 3);

        ca.ocspDown(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> stapler.responseFor(key(c)).isPresent());
    }

    @Test
    void aNewIdentityDropsTheResponsesOfTheOldCertificates() throws Exception {
        ServerIdentity.Credential old = credential();
        stapler.identityChanged(new ServerIdentity(List.of(old), ca.root));
        await().atMost(Duration.ofSeconds(10)).until(stapler::settled);
        assertThat(stapler.responseFor(key(old))).isPresent();

        ServerIdentity.Credential renewed = credential();
        stapler.identityChanged(new ServerIdentity(List.of(renewed), ca.root));
        assertThat(stapler.responseFor(key(old))).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stapler.responseFor(key(renewed)).isPresent());
        assertThat(stapler.outcomes()).containsOnlyKeys(renewed.serial());
    }

    @Test
    void aResponseAboutAnotherCertificateOrFromAnotherIssuerIsNeverStapled() throws Exception {
        ServerIdentity.Credential c = credential();
        ServerIdentity.Credential other = credential();
        OcspResponderClient client = client(ca);
        byte[] aboutOther = client.fetch(other.leaf(), ca.intermediate).der();
        var id =
                new org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID(
                        new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
                        ca.intermediate,
                        c.leaf().getSerialNumber());
        assertThatThrownBy(() -> client.check(aboutOther, id, ca.intermediate))
                .isInstanceOf(OcspFetchException.class)
                .hasMessageContaining("another certificate");
        // Signed by the intermediate, checked against the root as if it were the issuer.
        assertThatThrownBy(() -> client.check(aboutOther, id, ca.root))
                .isInstanceOf(OcspFetchException.class)
                .hasMessageContaining("not signed by the issuer");
        assertThatThrownBy(
                        () ->
                                client.check(
                                        new byte[] {0x30, 0x03, 0x0a, 0x01, 0x06},
                                        id,
                                        ca.intermediate))
                .isInstanceOf(OcspFetchException.class)
                .hasMessageContaining("status 6");
    }

    @Test
    void theNextFetchComesAheadOfNextUpdateButNeverAfterHalfTheWindow() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        FetchedResponse hour = new FetchedResponse(new byte[1], t, t.plusSeconds(3600), "good");
        assertThat(hour.refreshAt(Duration.ofMinutes(10), t))
                .isEqualTo(t.plus(Duration.ofMinutes(50)));
        FetchedResponse short_ = new FetchedResponse(new byte[1], t, t.plusSeconds(600), "good");
        assertThat(short_.refreshAt(Duration.ofMinutes(10), t)).isEqualTo(t.plusSeconds(300));
        assertThat(short_.refreshAt(Duration.ofMinutes(10), t.plusSeconds(400)))
                .as("never earlier than the earliest allowed")
                .isEqualTo(t.plusSeconds(400));
        assertThat(hour.freshAt(t.plusSeconds(3599))).isTrue();
        assertThat(hour.freshAt(t.plusSeconds(3600))).isFalse();
    }
}
