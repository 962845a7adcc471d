package io.tlsuite.handshake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestTls;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, key types on the TLS port: with {@code handshake.identity.key-types=
 * ec-p256,ec-p384,rsa-2048} the service enrols an ECDSA P-384 certificate beside P-256 and RSA, and
 * openssl's signature_algorithms choose among them (RFC 8446 §4.2.3, §4.4.2.2).
 */
@QuarkusTest
@TestProfile(P384IdentityTest.ThreeKeyTypes.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class P384IdentityTest {

    public static class ThreeKeyTypes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // This test is about certificates, not timeouts: the test profile's 1 s / 2 s limits
            // are for the slow-client tests and a first P-384 handshake on a loaded machine may
            // exceed them.
            return Map.of(
                    "handshake.identity.key-types", "ec-p256,ec-p384,rsa-2048",
                    "handshake.tls.handshake-timeout", "30s",
                    "handshake.tls.first-byte-timeout", "10s");
        }
    }

    @Inject ServerEngines engines;
    @Inject IdentityEnrolment enrolment;
    @Inject TlsPortServer server;

    @Test
    void signatureAlgorithmsChooseTheP384OrTheP256Certificate() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> engines.ready());
        var credentials = enrolment.current().orElseThrow().credentials();
        assertThat(credentials).hasSize(3);
        assertThat(
                        ((ECPublicKey) credentials.get(1).leaf().getPublicKey())
                                .getParams()
                                .getCurve()
                                .getField()
                                .getFieldSize())
                .isEqualTo(384);
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        var root = enrolment.current().orElseThrow().root();

        String p384 = openssl(root, "-tls1_3", "-sigalgs", "ECDSA+SHA384");
        assertThat(p384)
                .contains("Verify return code: 0 (ok)")
                .contains("Server public key is 384 bit")
                .contains("HTTP/1.1 200 OK")
                .contains(credentials.get(1).serial());
        String p256 = openssl(root, "-tls1_3", "-sigalgs", "ECDSA+SHA256");
        assertThat(p256)
                .contains("Server public key is 256 bit")
                .contains(credentials.get(0).serial());
        // TLS 1.2 ECDHE_ECDSA: the certificate's curve must be among the client's groups (RFC
        // 8422).
        String tls12 =
                openssl(
                        root,
                        "-tls1_2",
                        "-cipher",
                        "ECDHE-ECDSA-AES128-GCM-SHA256",
                        "-sigalgs",
                        "ECDSA+SHA384",
                        "-groups",
                        "P-384");
        assertThat(tls12).contains("Protocol  : TLSv1.2").contains("Server public key is 384 bit");
    }

    private String openssl(java.security.cert.X509Certificate root, String... options)
            throws Exception {
        return TestTls.opensslPage(server.port(), root, options);
    }
}
