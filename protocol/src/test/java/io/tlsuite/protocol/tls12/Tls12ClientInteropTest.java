package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS 1.2 client against TLS 1.2-only servers of the JDK and bctls, and against our own server,
 * in memory: every suite and group, mTLS, the server certificate validated by the configured {@code
 * CertificateValidator}.
 */
class Tls12ClientInteropTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final String[] TLS12 = {"TLSv1.2"};

    static Stream<Arguments> cases() {
        return Tls12ServerInteropTest.cases();
    }

    static TestPki.Identity serverIdentity(Tls12CipherSuite suite) {
        return suite.keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA
                ? TestPki.Shared.EC
                : TestPki.Shared.RSA;
    }

    /**
     * A client for one suite and ECDHE group. In TLS 1.2 supported_groups also names the curves of
     * ECDSA certificates (RFC 8422 §5.1), so secp256r1 stays listed after X25519: both servers here
     * prefer X25519 for the key exchange.
     */
    static TlsConfig.Builder client(Tls12CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = TestPki.Shared.trustingClient().tls12CipherSuites(suite);
        if (group == NamedGroup.X25519) {
            return b.groups(NamedGroup.X25519, NamedGroup.SECP256R1);
        }
        return group == null ? b : b.groups(group);
    }

    static void exchangeData(TlsEngine ours, JdkPeer peer) {
        byte[] ping = "ping over 1.2".getBytes(StandardCharsets.UTF_8);
        peer.step(ours.write(ping).outbound());
        assertThat(peer.received()).isEqualTo(ping);
        peer.send("pong".getBytes(StandardCharsets.UTF_8));
        assertThat(ours.feed(peer.step(new byte[0])).applicationBytes())
                .isEqualTo("pong".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "our client -> {0} server {1} {2}")
    @MethodSource("cases")
    void everySuiteAndGroup(String peerName, Tls12CipherSuite suite, NamedGroup group)
            throws Exception {
        JdkPeer peer =
                JdkPeer.server(
                        JdkPeer.context(
                                serverIdentity(suite),
                                PKI.root(),
                                Tls12ServerInteropTest.provider(peerName)),
                        TLS12,
                        false,
                        suite.name());
        // Default versions (1.3 and 1.2): the TLS 1.2-only server takes 1.2.
        TlsEngine ours = TlsEngine.client(client(suite, group).build());
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).as("peer failure").isNull();
        assertThat(ours.failure()).isEmpty();
        Negotiated n = ours.negotiated().orElseThrow();
        assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(n.cipherSuite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.peerCertificates().get(0)).isEqualTo(serverIdentity(suite).leaf());
        exchangeData(ours, peer);
    }

    @ParameterizedTest(name = "our client with a certificate -> {0} server requiring one")
    @MethodSource("io.tlsuite.protocol.tls12.Tls12ServerInteropTest#peers")
    void mutualTls(String peerName) throws Exception {
        for (Tls12CipherSuite suite :
                List.of(
                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        Tls12CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                        Tls12CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384)) {
            JdkPeer peer =
                    JdkPeer.server(
                            JdkPeer.context(
                                    serverIdentity(suite),
                                    PKI.root(),
                                    Tls12ServerInteropTest.provider(peerName)),
                            TLS12,
                            true,
                            suite.name());
            TlsEngine ours =
                    TlsEngine.client(
                            client(suite, null)
                                    .certificate(
                                            TestPki.Shared.CLIENT.chain(),
                                            TestPki.Shared.CLIENT.key())
                                    .build());
            JdkPeer.converse(ours, peer);
            assertThat(peer.failure()).as(suite + " peer failure").isNull();
            assertThat(ours.isHandshakeComplete()).isTrue();
            assertThat(peer.engine().getSession().getPeerCertificates()[0])
                    .isEqualTo(TestPki.Shared.CLIENT.leaf());
            exchangeData(ours, peer);
        }
    }

    @Test
    void aServerCertificateForAnotherNameIsRefused() throws Exception {
        JdkPeer peer =
                JdkPeer.server(
                        JdkPeer.context(
                                PKI.issue(
                                        TestPki.LeafSpec.of(TestPki.KeyType.EC_P256)
                                                .withName("other.test")),
                                PKI.root()),
                        TLS12,
                        false);
        TlsEngine ours = TlsEngine.client(TestPki.Shared.trustingClient().build());
        JdkPeer.converse(ours, peer);
        assertThat(ours.failure()).contains(AlertDescription.BAD_CERTIFICATE);
    }

    static Stream<Arguments> loopbackCases() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments a : cases().toList()) {
            if (a.get()[0].equals("JDK")) {
                out.add(Arguments.of(a.get()[1], a.get()[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "our 1.2 client -> our server {0} {1}")
    @MethodSource("loopbackCases")
    void loopback(Tls12CipherSuite suite, NamedGroup group) {
        TlsEngine client =
                TlsEngine.client(client(suite, group).versions(ProtocolVersion.TLS_1_2).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        Pump.handshake(client, server);
        assertThat(client.isHandshakeComplete())
                .as(
                        () ->
                                client.stateName()
                                        + client.failureCause()
                                        + " / "
                                        + server.stateName()
                                        + server.failureCause())
                .isTrue();
        assertThat(server.isHandshakeComplete()).isTrue();
        assertThat(client.negotiated())
                .isEqualTo(server.negotiated().map(n -> withPeer(n, client)));
        byte[] big = new byte[50_000];
        EngineOutput s = server.feed(client.write(big).outbound());
        assertThat(s.applicationBytes()).isEqualTo(big);
        assertThat(client.feed(server.write(new byte[] {1, 2}).outbound()).applicationBytes())
                .containsExactly(1, 2);
        assertThat(client.exportKeyingMaterial("EXPORTER-x", new byte[] {9}, 40))
                .isEqualTo(server.exportKeyingMaterial("EXPORTER-x", new byte[] {9}, 40));
        server.feed(client.close().outbound());
        client.feed(server.close().outbound());
        assertThat(client.isClosed()).isTrue();
        assertThat(server.isClosed()).isTrue();
        assertThat(client.failure()).isEmpty();
    }

    /** The server's view with the client's peer certificates, to compare the rest. */
    private static Negotiated withPeer(Negotiated n, TlsEngine client) {
        Negotiated c = client.negotiated().orElseThrow();
        return new Negotiated(
                n.version(),
                n.cipherSuite(),
                n.group(),
                n.alpn(),
                c.serverName(),
                c.peerCertificates(),
                n.resumed(),
                n.helloRetryRequest());
    }

    @Test
    void loopbackMutualTlsBothKeyTypes() {
        for (TestPki.Identity id :
                List.of(
                        TestPki.Shared.CLIENT,
                        PKI.issue(
                                TestPki.LeafSpec.of(TestPki.KeyType.RSA)
                                        .withName("rsa-client.test")))) {
            TlsEngine client =
                    TlsEngine.client(
                            TestPki.Shared.trustingClient()
                                    .versions(ProtocolVersion.TLS_1_2)
                                    .certificate(id.chain(), id.key())
                                    .build());
            TlsEngine server =
                    TlsEngine.server(
                            Tls12ServerInteropTest.server()
                                    .clientAuth(ClientAuth.REQUIRED)
                                    .build());
            Pump.handshake(client, server);
            assertThat(server.isHandshakeComplete()).isTrue();
            assertThat(server.negotiated().orElseThrow().peerCertificates().get(0))
                    .isEqualTo(id.leaf());
        }
    }

    @Test
    void alpnIsNegotiatedInTls12BothWaysAndWithTheJdk() throws Exception {
        TlsEngine client =
                TlsEngine.client(
                        TestPki.Shared.trustingClient()
                                .versions(ProtocolVersion.TLS_1_2)
                                .alpnProtocols("h2", "http/1.1")
                                .build());
        TlsEngine server =
                TlsEngine.server(Tls12ServerInteropTest.server().alpnProtocols("http/1.1").build());
        Pump.handshake(client, server);
        assertThat(client.negotiated().orElseThrow().alpn()).contains("http/1.1");
        assertThat(server.negotiated().orElseThrow().alpn()).contains("http/1.1");
        // A JDK TLS 1.2 client offering h2 to our server.
        javax.net.ssl.SSLEngine e =
                JdkPeer.context(null, PKI.root()).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(TLS12);
        javax.net.ssl.SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        e.setSSLParameters(p);
        JdkPeer peer = new JdkPeer(e);
        TlsEngine ours =
                TlsEngine.server(Tls12ServerInteropTest.server().alpnProtocols("h2").build());
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).isNull();
        assertThat(peer.engine().getApplicationProtocol()).isEqualTo("h2");
        assertThat(ours.negotiated().orElseThrow().alpn()).contains("h2");
    }

    @Test
    void aClientOfferingBothVersionsWithATls12SessionGetsTls13FromATls13Server() {
        TlsConfig server =
                Tls12ServerInteropTest.server()
                        .ticketStore(new io.tlsuite.protocol.resumption.InMemoryTicketStore())
                        .build();
        TlsEngine c1 =
                TlsEngine.client(
                        TestPki.Shared.trustingClient().versions(ProtocolVersion.TLS_1_2).build());
        Pump.handshake(c1, TlsEngine.server(server));
        TlsEngine c2 =
                TlsEngine.client(
                        TestPki.Shared.trustingClient()
                                .resumeSession(c1.receivedSessions().get(0))
                                .build());
        TlsEngine s2 = TlsEngine.server(server);
        Pump.handshake(c2, s2);
        assertThat(c2.negotiated().orElseThrow().version()).isEqualTo(ProtocolVersion.TLS_1_3);
        assertThat(c2.negotiated().orElseThrow().resumed()).isFalse();
    }

    @Test
    void aClientWithoutACertificateIsRefusedWhenOneIsRequired() {
        TlsEngine client =
                TlsEngine.client(
                        TestPki.Shared.trustingClient().versions(ProtocolVersion.TLS_1_2).build());
        TlsEngine server =
                TlsEngine.server(
                        Tls12ServerInteropTest.server().clientAuth(ClientAuth.REQUIRED).build());
        Pump.handshake(client, server);
        assertThat(server.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(client.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }
}
