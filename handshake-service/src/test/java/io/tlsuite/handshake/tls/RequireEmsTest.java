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
import io.tlsuite.handshake.support.LegacyTls12Client;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestTls;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code handshake.tls12.require-ems=true} and {@code require-secure-renegotiation=true}: a TLS 1.2
 * client without the extended master secret (the JDK with it switched off) is refused with
 * handshake_failure; clients offering both (openssl) are still served.
 */
@QuarkusTest
@TestProfile(RequireEmsTest.Strict.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class RequireEmsTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handshake.tls12.require-ems", "true",
                    "handshake.tls12.require-secure-renegotiation", "true");
        }
    }

    @Inject ServerEngines engines;
    @Inject IdentityEnrolment enrolment;
    @Inject TlsPortServer server;

    @Test
    void aClientWithoutExtendedMasterSecretIsRefusedWithHandshakeFailure() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        var root = enrolment.current().orElseThrow().root();
        String out = LegacyTls12Client.getPage(server.port(), root);
        assertThat(out).startsWith("FAILED:").contains("handshake_failure");

        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        String openssl =
                TestTls.openssl(
                        "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        List.of(
                                "s_client",
                                "-connect",
                                "localhost:" + server.port(),
                                "-tls1_2",
                                "-CAfile",
                                TestTls.writePem(root).toString(),
                                "-ign_eof"));
        assertThat(openssl)
                .contains("Extended master secret: yes")
                .contains("<th>ems</th><td>true</td>");
    }
}
