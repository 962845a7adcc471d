package io.tlsuite.handshake.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.config.TlsConfig;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's ClientHello surgery, on real ClientHellos of our client engine. */
class ClientHelloBytesTest {

    private static byte[] clientHello(TlsEngine client) {
        return client.start().outbound();
    }

    private static TlsEngine client(String name) {
        return TlsEngine.client(
                TlsConfig.builder()
                        .serverName(name)
                        .certificateValidator(CertificateValidator.insecureAcceptAll())
                        .build());
    }

    @Test
    void readsTheServerNameAndSessionId() {
        ClientHelloBytes hello = ClientHelloBytes.parse(clientHello(client("Expired.Lab.Test")));
        assertThat(hello).isNotNull();
        assertThat(hello.serverName()).isEqualTo("expired.lab.test");
        assertThat(hello.sessionId()).hasSize(32); // middlebox compatibility mode
    }

    @Test
    void anythingElseIsLeftToTheEngine() {
        byte[] ch = clientHello(client("a.test"));
        assertThat(ClientHelloBytes.parse(Arrays.copyOf(ch, ch.length - 1))).isNull();
        assertThat(ClientHelloBytes.parse(new byte[] {23, 3, 3, 0, 1, 0})).isNull();
        assertThat(ClientHelloBytes.parse(new byte[0])).isNull();
        assertThat(ClientHelloBytes.parse(clientHello(client(null))).serverName()).isNull();
    }

    @Test
    void strippingSupportedVersionsMakesARealServerDowngradeAndTheClientCatchesIt() {
        KeyPair k = LocalCertificates.ecKeyPair();
        TlsEngine server =
                TlsEngine.server(
                        TlsConfig.builder()
                                .certificate(
                                        List.of(
                                                LocalCertificates.selfSigned(
                                                        k, "downgrade.lab.test")),
                                        k.getPrivate())
                                .build());
        TlsEngine client = client("downgrade.lab.test");
        byte[] stripped = ClientHelloBytes.parse(clientHello(client)).withoutSupportedVersions();
        assertThat(ClientHelloBytes.parse(stripped))
                .as("still a well-formed ClientHello")
                .isNotNull();
        EngineOutput answer = server.feed(stripped);
        assertThat(server.failure()).isEmpty();
        // RFC 8446 §4.1.3: a TLS 1.2 ServerHello from a 1.3-capable server ends its random with
        // DOWNGRD\x01; our client offered 1.3 and must abort.
        EngineOutput out = client.feed(answer.outbound());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void selfSignedAndUntrustedLabCertificatesHaveTheRightShape() throws Exception {
        KeyPair rootKeys = LocalCertificates.ecKeyPair();
        var root = LocalCertificates.root(rootKeys, "CN=Lab Root");
        KeyPair k = LocalCertificates.ecKeyPair();
        var leaf =
                LocalCertificates.leaf(
                        k.getPublic(), "untrusted-root.lab.test", root, rootKeys.getPrivate());
        leaf.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        var self = LocalCertificates.selfSigned(k, "self-signed.lab.test");
        self.verify(k.getPublic());
    }
}
