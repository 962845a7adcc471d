package io.tlsuite.protocol;

import static io.tlsuite.protocol.testing.TestPki.Shared.identity;
import static io.tlsuite.protocol.testing.TestPki.Shared.server;
import static io.tlsuite.protocol.testing.TestPki.Shared.trustingClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.resumption.ClientSession;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import io.tlsuite.protocol.testing.TestPki.Identity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our client against our server, in memory: every suite, group and key type, HRR, mTLS, resumption.
 */
class LoopbackHandshakeTest {
    static final TestPki PKI = TestPki.Shared.PKI;

    static Stream<Arguments> suitesGroupsKeys() {
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
        out.add(Arguments.of(CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.X25519, "RSA"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("suitesGroupsKeys")
    void fullHandshakeAndApplicationData(CipherSuite suite, NamedGroup group, String key) {
        TlsEngine client =
                TlsEngine.client(trustingClient().cipherSuites(suite).groups(group).build());
        TlsEngine server = TlsEngine.server(server(identity(key)).build());
        Pump.handshake(client, server);
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(server.isHandshakeComplete()).isTrue();
        Negotiated n = client.negotiated().orElseThrow();
        assertThat(n.cipherSuite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_3);
        assertThat(n.helloRetryRequest()).isFalse();
        assertThat(n.peerCertificates()).containsExactly(identity(key).leaf());
        assertThat(server.negotiated().orElseThrow().serverName()).contains("localhost");

        byte[] msg = "ping".getBytes(StandardCharsets.UTF_8);
        EngineOutput s = server.feed(client.write(msg).outbound());
        assertThat(s.applicationBytes()).isEqualTo(msg);
        byte[] big = new byte[40_000];
        EngineOutput c = client.feed(server.write(big).outbound());
        assertThat(c.applicationBytes()).isEqualTo(big);
        assertThat(client.exportKeyingMaterial("EXPORTER-test", new byte[] {1}, 32))
                .isEqualTo(server.exportKeyingMaterial("EXPORTER-test", new byte[] {1}, 32));
    }

    @Test
    void helloRetryRequestWhenClientSharesTheWrongGroup() {
        TlsEngine client = TlsEngine.client(trustingClient().build()); // share for X25519 only
        TlsEngine server =
                TlsEngine.server(server(TestPki.Shared.EC).groups(NamedGroup.SECP256R1).build());
        Pump.handshake(client, server);
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(client.negotiated().orElseThrow().helloRetryRequest()).isTrue();
        assertThat(client.negotiated().orElseThrow().group()).isEqualTo(NamedGroup.SECP256R1);
        assertThat(server.negotiated().orElseThrow().helloRetryRequest()).isTrue();
    }

    @Test
    void helloRetryRequestWhenClientSendsNoShare() {
        TlsEngine client = TlsEngine.client(trustingClient().keyShareGroups().build());
        TlsEngine server = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(client, server);
        assertThat(client.negotiated().orElseThrow().group()).isEqualTo(NamedGroup.X25519);
        assertThat(client.negotiated().orElseThrow().helloRetryRequest()).isTrue();
    }

    @Test
    void mutualAuthenticationWithAlpn() {
        Identity clientId = TestPki.Shared.CLIENT;
        TlsEngine client =
                TlsEngine.client(
                        trustingClient()
                                .certificate(clientId.chain(), clientId.key())
                                .alpnProtocols("h2", "http/1.1")
                                .build());
        TlsEngine server =
                TlsEngine.server(
                        server(TestPki.Shared.EC)
                                .clientAuth(ClientAuth.REQUIRED)
                                .alpnProtocols("http/1.1")
                                .build());
        Pump.handshake(client, server);
        assertThat(server.isHandshakeComplete()).isTrue();
        assertThat(server.negotiated().orElseThrow().peerCertificates())
                .containsExactly(clientId.leaf());
        assertThat(client.negotiated().orElseThrow().alpn()).contains("http/1.1");
        assertThat(server.negotiated().orElseThrow().alpn()).contains("http/1.1");
    }

    @Test
    void requiredClientCertificateMissingIsCertificateRequired() {
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server =
                TlsEngine.server(server(TestPki.Shared.EC).clientAuth(ClientAuth.REQUIRED).build());
        Pump.handshake(client, server);
        assertThat(server.failure()).contains(AlertDescription.CERTIFICATE_REQUIRED);
        assertThat(client.failure()).contains(AlertDescription.CERTIFICATE_REQUIRED);
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void optionalClientCertificateMayBeAbsent() {
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server =
                TlsEngine.server(server(TestPki.Shared.EC).clientAuth(ClientAuth.OPTIONAL).build());
        Pump.handshake(client, server);
        assertThat(server.isHandshakeComplete()).isTrue();
        assertThat(server.negotiated().orElseThrow().peerCertificates()).isEmpty();
    }

    @Test
    void noCommonAlpnIsNoApplicationProtocol() {
        TlsEngine client = TlsEngine.client(trustingClient().alpnProtocols("h2").build());
        TlsEngine server =
                TlsEngine.server(server(TestPki.Shared.EC).alpnProtocols("http/1.1").build());
        Pump.handshake(client, server);
        assertThat(server.failure()).contains(AlertDescription.NO_APPLICATION_PROTOCOL);
        assertThat(client.failure()).contains(AlertDescription.NO_APPLICATION_PROTOCOL);
    }

    @Test
    void resumptionWithPskDheKe() {
        InMemoryTicketStore store = new InMemoryTicketStore();
        TlsConfig serverCfg = server(TestPki.Shared.EC).ticketStore(store).build();
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server = TlsEngine.server(serverCfg);
        Pump.handshake(client, server);
        // The ticket travels after the handshake with the server's first flight after client
        // Finished.
        List<ClientSession> sessions = client.receivedSessions();
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).toString())
                .doesNotContain(io.tlsuite.protocol.codec.Hex.of(sessions.get(0).psk()));

        TlsEngine client2 =
                TlsEngine.client(trustingClient().resumeSession(sessions.get(0)).build());
        TlsEngine server2 = TlsEngine.server(serverCfg);
        Pump.handshake(client2, server2);
        assertThat(client2.negotiated().orElseThrow().resumed()).isTrue();
        assertThat(server2.negotiated().orElseThrow().resumed()).isTrue();
        assertThat(client2.negotiated().orElseThrow().peerCertificates()).isEmpty();
        EngineOutput s = server2.feed(client2.write(new byte[] {42}).outbound());
        assertThat(s.applicationBytes()).containsExactly(42);

        // Tickets are single use: the same ticket again gives a full handshake.
        TlsEngine client3 =
                TlsEngine.client(trustingClient().resumeSession(sessions.get(0)).build());
        TlsEngine server3 = TlsEngine.server(serverCfg);
        Pump.handshake(client3, server3);
        assertThat(client3.isHandshakeComplete()).isTrue();
        assertThat(client3.negotiated().orElseThrow().resumed()).isFalse();
    }

    @Test
    void keyUpdateBothWays() {
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(client, server);
        EngineOutput s = server.feed(client.updateKeys(true).outbound());
        EngineOutput c = client.feed(s.outbound()); // server's KeyUpdate(update_not_requested)
        assertThat(c.failed()).isFalse();
        assertThat(server.feed(client.write(new byte[] {7}).outbound()).applicationBytes())
                .containsExactly(7);
        assertThat(client.feed(server.write(new byte[] {8}).outbound()).applicationBytes())
                .containsExactly(8);
    }

    @Test
    void closeNotifyBothWays() {
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(client, server);
        EngineOutput s = server.feed(client.close().outbound());
        assertThat(s.alertReceived().orElseThrow().description())
                .isEqualTo(AlertDescription.CLOSE_NOTIFY);
        assertThat(server.isPeerClosed()).isTrue();
        EngineOutput c = client.feed(server.close().outbound());
        assertThat(c.closed()).isTrue();
        assertThat(server.isClosed()).isTrue();
        assertThat(client.failure()).isEmpty();
    }

    @Test
    void withoutMiddleboxCompatibilityThereIsNoChangeCipherSpecAndNoSessionId() {
        TlsEngine client = TlsEngine.client(trustingClient().middleboxCompatibility(false).build());
        TlsEngine server = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] ch = client.start().outbound();
        assertThat(ch[5 + 4 + 2 + 32]).as("legacy_session_id length").isZero();
        List<io.tlsuite.protocol.record.Record> serverFlight =
                io.tlsuite.protocol.testing.Records.split(server.feed(ch).outbound());
        assertThat(serverFlight)
                .extracting(io.tlsuite.protocol.record.Record::type)
                .doesNotContain(io.tlsuite.protocol.record.ContentType.CHANGE_CIPHER_SPEC);
        byte[] fin = client.feed(io.tlsuite.protocol.testing.Records.join(serverFlight)).outbound();
        assertThat(io.tlsuite.protocol.testing.Records.split(fin))
                .extracting(io.tlsuite.protocol.record.Record::type)
                .containsExactly(io.tlsuite.protocol.record.ContentType.APPLICATION_DATA);
        server.feed(fin);
        assertThat(server.isHandshakeComplete()).isTrue();
    }

    @Test
    void resumptionAfterHelloRetryRequestBindsTheRetriedTranscript() {
        InMemoryTicketStore store = new InMemoryTicketStore();
        TlsConfig serverCfg =
                server(TestPki.Shared.EC).ticketStore(store).groups(NamedGroup.SECP256R1).build();
        TlsEngine first = TlsEngine.client(trustingClient().build());
        Pump.handshake(first, TlsEngine.server(serverCfg));
        // X25519-only key share again: the server asks for secp256r1, the second ClientHello
        // carries the PSK.
        TlsEngine client =
                TlsEngine.client(
                        trustingClient().resumeSession(first.receivedSessions().get(0)).build());
        TlsEngine server = TlsEngine.server(serverCfg);
        Pump.handshake(client, server);
        Negotiated n = server.negotiated().orElseThrow();
        assertThat(n.helloRetryRequest()).isTrue();
        assertThat(n.resumed()).isTrue();
        assertThat(client.negotiated().orElseThrow().resumed()).isTrue();
    }
}
