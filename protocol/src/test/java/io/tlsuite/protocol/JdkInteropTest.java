package io.tlsuite.protocol;

import static io.tlsuite.protocol.testing.TestPki.Shared.identity;
import static io.tlsuite.protocol.testing.TestPki.Shared.server;
import static io.tlsuite.protocol.testing.TestPki.Shared.trustingClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import io.tlsuite.protocol.testing.TestPki.Identity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interop with the JDK's SSLEngine, in memory, in both roles. */
class JdkInteropTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final byte[] PING = "ping from the client".getBytes(StandardCharsets.UTF_8);
    static final byte[] PONG = "pong from the server".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                out.add(Arguments.of(s, g, "EC"));
            }
        }
        // Every other group (X448, secp384r1, secp521r1, RFC 7919 ffdhe*) with one suite.
        for (NamedGroup g : NamedGroup.values()) {
            if (g != NamedGroup.X25519 && g != NamedGroup.SECP256R1) {
                out.add(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, g, "EC"));
            }
        }
        out.add(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "ED"));
        out.add(
                Arguments.of(
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256, NamedGroup.SECP256R1, "RSA"));
        return out.stream();
    }

    @ParameterizedTest(name = "our client -> JDK server {0} {1} {2}")
    @MethodSource("cases")
    void ourClientJdkServer(CipherSuite suite, NamedGroup group, String key) throws Exception {
        SSLContext ctx = JdkPeer.context(identity(key), PKI.root());
        JdkPeer jdk = JdkPeer.server(ctx, false, suite.name());
        TlsEngine ours = TlsEngine.client(trustingClient().groups(group).build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        assertThat(ours.isHandshakeComplete()).isTrue();
        assertThat(ours.negotiated().orElseThrow().cipherSuite()).isEqualTo(suite);
        assertThat(ours.negotiated().orElseThrow().group()).isEqualTo(group);
        assertThat(jdk.engine().getSession().getCipherSuite()).isEqualTo(suite.name());
        assertThat(jdk.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");

        byte[] toJdk = ours.write(PING).outbound();
        jdk.send(PONG);
        EngineOutput o = ours.feed(jdk.step(toJdk));
        assertThat(jdk.received()).isEqualTo(PING);
        assertThat(o.applicationBytes()).isEqualTo(PONG);
    }

    @ParameterizedTest(name = "JDK client -> our server {0} {1} {2}")
    @MethodSource("cases")
    void jdkClientOurServer(CipherSuite suite, NamedGroup group, String key) throws Exception {
        SSLContext ctx = JdkPeer.context(null, PKI.root());
        JdkPeer jdk = JdkPeer.client(ctx, "localhost", 443, suite.name());
        TlsEngine ours = TlsEngine.server(server(identity(key)).groups(group).build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        assertThat(ours.isHandshakeComplete()).isTrue();
        Negotiated n = ours.negotiated().orElseThrow();
        assertThat(n.cipherSuite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        // The JDK 17 client sends shares for X25519 and secp256r1 only: a HelloRetryRequest
        // asks for any other group (RFC 8446 §4.1.4).
        assertThat(n.helloRetryRequest())
                .isEqualTo(group != NamedGroup.X25519 && group != NamedGroup.SECP256R1);
        assertThat(jdk.engine().getSession().getCipherSuite()).isEqualTo(suite.name());

        jdk.send(PING);
        byte[] toOurs = jdk.step(new byte[0]);
        EngineOutput o = ours.feed(toOurs);
        assertThat(o.applicationBytes()).isEqualTo(PING);
        jdk.step(ours.write(PONG).outbound());
        assertThat(jdk.received()).isEqualTo(PONG);
    }

    @Test
    void ourClientGetsHelloRetryRequestFromJdk() throws Exception {
        JdkPeer jdk = JdkPeer.server(JdkPeer.context(TestPki.Shared.EC, PKI.root()), false);
        TlsEngine ours =
                TlsEngine.client(
                        trustingClient()
                                .groups(NamedGroup.SECP256R1, NamedGroup.X25519)
                                .keyShareGroups()
                                .build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        assertThat(ours.negotiated().orElseThrow().helloRetryRequest()).isTrue();
    }

    @Test
    void mutualTlsOurClientJdkServer() throws Exception {
        JdkPeer jdk = JdkPeer.server(JdkPeer.context(TestPki.Shared.EC, PKI.root()), true);
        Identity clientId = TestPki.Shared.CLIENT;
        TlsEngine ours =
                TlsEngine.client(
                        trustingClient().certificate(clientId.chain(), clientId.key()).build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        assertThat(ours.isHandshakeComplete()).isTrue();
        assertThat(jdk.engine().getSession().getPeerCertificates()[0]).isEqualTo(clientId.leaf());
    }

    @Test
    void mutualTlsJdkClientOurServer() throws Exception {
        Identity clientId = TestPki.Shared.CLIENT;
        JdkPeer jdk = JdkPeer.client(JdkPeer.context(clientId, PKI.root()), "localhost", 443);
        TlsEngine ours =
                TlsEngine.server(server(TestPki.Shared.EC).clientAuth(ClientAuth.REQUIRED).build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        assertThat(ours.negotiated().orElseThrow().peerCertificates().get(0))
                .isEqualTo(clientId.leaf());
    }

    @Test
    void jdkClientResumesWithOurServer() throws Exception {
        SSLContext ctx = JdkPeer.context(null, PKI.root());
        TlsConfig cfg = server(TestPki.Shared.EC).ticketStore(new InMemoryTicketStore()).build();
        JdkPeer first = JdkPeer.client(ctx, "localhost", 8443);
        TlsEngine s1 = TlsEngine.server(cfg);
        JdkPeer.converse(s1, first);
        first.send(PING); // lets the JDK client read the NewSessionTicket
        s1.feed(first.step(s1.write(PONG).outbound()));
        assertThat(first.received()).isEqualTo(PONG);

        JdkPeer second = JdkPeer.client(ctx, "localhost", 8443);
        TlsEngine s2 = TlsEngine.server(cfg);
        JdkPeer.converse(s2, second);
        assertThat(second.failure()).isNull();
        assertThat(s2.negotiated().orElseThrow().resumed()).isTrue();
    }

    @Test
    void ourClientResumesWithJdkServer() throws Exception {
        SSLContext ctx = JdkPeer.context(TestPki.Shared.EC, PKI.root());
        JdkPeer jdk1 = JdkPeer.server(ctx, false);
        TlsEngine c1 = TlsEngine.client(trustingClient().build());
        JdkPeer.converse(c1, jdk1);
        assertThat(c1.receivedSessions()).isNotEmpty();

        JdkPeer jdk2 = JdkPeer.server(ctx, false);
        TlsEngine c2 =
                TlsEngine.client(
                        trustingClient().resumeSession(c1.receivedSessions().get(0)).build());
        JdkPeer.converse(c2, jdk2);
        assertThat(jdk2.failure()).isNull();
        assertThat(c2.negotiated().orElseThrow().resumed()).isTrue();
    }

    @Test
    void paddedRecordsBothWays() throws Exception {
        JdkPeer jdk = JdkPeer.client(JdkPeer.context(null, PKI.root()), "localhost", 443);
        TlsEngine ours =
                TlsEngine.server(server(TestPki.Shared.EC).recordPaddingBlock(256).build());
        JdkPeer.converse(ours, jdk);
        assertThat(jdk.failure()).isNull();
        byte[] record = ours.write(PONG).outbound();
        // 5-byte header + 256-byte inner plaintext + 16-byte tag.
        assertThat(record).hasSize(5 + 256 + 16);
        jdk.step(record);
        assertThat(jdk.received()).isEqualTo(PONG);
        TlsEngine ourClient = TlsEngine.client(trustingClient().recordPaddingBlock(512).build());
        JdkPeer jdkServer = JdkPeer.server(JdkPeer.context(TestPki.Shared.EC, PKI.root()), false);
        JdkPeer.converse(ourClient, jdkServer);
        jdkServer.step(ourClient.write(PING).outbound());
        assertThat(jdkServer.received()).isEqualTo(PING);
    }
}
