package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.resumption.ClientSession;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 resumption by RFC 5077 ticket and by session id, through the same {@link TicketStore} and
 * {@link ClientSession} as TLS 1.3: our engines both ways, and against the JDK and bctls.
 */
class Tls12ResumptionTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final String[] TLS12 = {"TLSv1.2"};

    static TlsConfig.Builder client() {
        return TestPki.Shared.trustingClient().versions(ProtocolVersion.TLS_1_2);
    }

    static TlsEngine[] connect(TlsConfig.Builder client, TlsConfig server) {
        TlsEngine c = TlsEngine.client(client.build());
        TlsEngine s = TlsEngine.server(server);
        Pump.handshake(c, s);
        assertThat(c.isHandshakeComplete()).as(() -> "client " + c.failureCause()).isTrue();
        assertThat(s.isHandshakeComplete()).as(() -> "server " + s.failureCause()).isTrue();
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        assertThat(s.feed(c.write(ping).outbound()).applicationBytes()).isEqualTo(ping);
        return new TlsEngine[] {c, s};
    }

    @Test
    void ticketResumptionBetweenOurEnginesWithANewTicketEachTime() {
        InMemoryTicketStore store = new InMemoryTicketStore();
        TlsConfig server = Tls12ServerInteropTest.server().ticketStore(store).build();
        TlsEngine[] first = connect(client(), server);
        assertThat(first[0].negotiated().orElseThrow().resumed()).isFalse();
        ClientSession session = first[0].receivedSessions().get(0);
        assertThat(session.ticket()).isNotEmpty();
        assertThat(session.sessionId()).isEmpty();
        assertThat(session.cipherSuite().version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(session.toString()).contains("redacted");

        TlsEngine[] second = connect(client().resumeSession(session), server);
        assertThat(second[0].negotiated().orElseThrow().resumed()).isTrue();
        assertThat(second[1].negotiated().orElseThrow().resumed()).isTrue();
        assertThat(second[1].negotiated().orElseThrow().cipherSuite())
                .isEqualTo(first[1].negotiated().orElseThrow().cipherSuite());
        // Different randoms, different keys: the exporters differ between the two connections.
        assertThat(second[0].exportKeyingMaterial("EXPORTER-t", null, 16))
                .isNotEqualTo(first[0].exportKeyingMaterial("EXPORTER-t", null, 16));
        // The resumed handshake brought a fresh ticket; the first one is used up (single use).
        ClientSession next = second[0].receivedSessions().get(0);
        assertThat(next.ticket()).isNotEqualTo(session.ticket());
        assertThat(
                        connect(client().resumeSession(session), server)[0]
                                .negotiated()
                                .orElseThrow()
                                .resumed())
                .isFalse();
        assertThat(
                        connect(client().resumeSession(next), server)[0]
                                .negotiated()
                                .orElseThrow()
                                .resumed())
                .isTrue();
    }

    @Test
    void sessionIdResumptionBetweenOurEngines() {
        InMemoryTicketStore store = new InMemoryTicketStore();
        TlsConfig server = Tls12ServerInteropTest.server().ticketStore(store).build();
        TlsConfig.Builder client = client().tls12SessionTickets(false);
        ClientSession full = connect(client, server)[0].receivedSessions().get(0);
        assertThat(full.sessionId()).hasSize(32);
        assertThat(full.ticket()).isEmpty();
        TlsEngine[] resumed = connect(client.resumeSession(full), server);
        assertThat(resumed[0].negotiated().orElseThrow().resumed()).isTrue();
        assertThat(resumed[1].negotiated().orElseThrow().resumed()).isTrue();
        // Single use, like tickets: the id was consumed.
        assertThat(
                        connect(client.resumeSession(full), server)[1]
                                .negotiated()
                                .orElseThrow()
                                .resumed())
                .isFalse();
        // A client that offers tickets gets one even from a server that could use ids.
        assertThat(connect(client(), server)[0].receivedSessions().get(0).ticket()).isNotEmpty();
    }

    @Test
    void resumedMutualTlsSessionKeepsTheClientCertificate() {
        TlsConfig server =
                Tls12ServerInteropTest.server()
                        .clientAuth(ClientAuth.REQUIRED)
                        .ticketStore(new InMemoryTicketStore())
                        .build();
        TlsConfig.Builder client =
                client().certificate(TestPki.Shared.CLIENT.chain(), TestPki.Shared.CLIENT.key());
        ClientSession session = connect(client, server)[0].receivedSessions().get(0);
        TlsEngine[] resumed = connect(client.resumeSession(session), server);
        assertThat(resumed[1].negotiated().orElseThrow().resumed()).isTrue();
        assertThat(resumed[1].negotiated().orElseThrow().peerCertificates())
                .containsExactly(TestPki.Shared.CLIENT.leaf());
    }

    @Test
    void aTls13TicketIsNeverUsedForTls12AndTheOtherWayRound() {
        InMemoryTicketStore store = new InMemoryTicketStore();
        TlsConfig server = Tls12ServerInteropTest.server().ticketStore(store).build();
        // A TLS 1.3 session's ticket presented as a TLS 1.2 session ticket.
        ClientSession s13 =
                connect(TestPki.Shared.trustingClient(), server)[0].receivedSessions().get(0);
        assertThat(s13.cipherSuite()).isInstanceOf(CipherSuite.class);
        ClientSession forged =
                ClientSession.tls12(
                        new byte[32],
                        s13.ticket(),
                        new byte[48],
                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        3600,
                        Instant.now(),
                        "localhost");
        assertThat(
                        connect(client().resumeSession(forged), server)[1]
                                .negotiated()
                                .orElseThrow()
                                .resumed())
                .isFalse();
        // A TLS 1.2 state redeemed for a TLS 1.3 PSK is refused by version, not by luck.
        TicketStore only12 =
                new TicketStore() {
                    @Override
                    public byte[] issue(ResumptionState state) {
                        return store.issue(state);
                    }

                    @Override
                    public Optional<ResumptionState> redeem(byte[] ticket) {
                        return Optional.of(
                                new ResumptionState(
                                        new byte[48],
                                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                        Instant.now(),
                                        3600,
                                        0,
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of()));
                    }
                };
        TlsConfig server13 = Tls12ServerInteropTest.server().ticketStore(only12).build();
        ClientSession ticket13 =
                connect(TestPki.Shared.trustingClient(), server13)[0].receivedSessions().get(0);
        TlsEngine[] again =
                connect(TestPki.Shared.trustingClient().resumeSession(ticket13), server13);
        assertThat(again[1].negotiated().orElseThrow().resumed()).isFalse();
    }

    @ParameterizedTest(name = "{0} client resumes with our server")
    @MethodSource("io.tlsuite.protocol.tls12.Tls12ServerInteropTest#peers")
    void peerClientResumesWithOurServer(String peerName) throws Exception {
        TlsConfig server =
                Tls12ServerInteropTest.server().ticketStore(new InMemoryTicketStore()).build();
        SSLContext ctx =
                JdkPeer.context(null, PKI.root(), Tls12ServerInteropTest.provider(peerName));
        TlsEngine first = TlsEngine.server(server);
        JdkPeer p1 = JdkPeer.client(ctx, TLS12, "localhost", 4433);
        JdkPeer.converse(first, p1);
        assertThat(p1.failure()).isNull();
        assertThat(first.negotiated().orElseThrow().resumed()).isFalse();
        TlsEngine second = TlsEngine.server(server);
        JdkPeer p2 = JdkPeer.client(ctx, TLS12, "localhost", 4433);
        JdkPeer.converse(second, p2);
        assertThat(p2.failure()).isNull();
        assertThat(second.negotiated().orElseThrow().resumed()).isTrue();
        assertThat(p2.engine().getSession().getId()).isEqualTo(p1.engine().getSession().getId());
    }

    @ParameterizedTest(name = "our client resumes with a {0} server")
    @MethodSource("io.tlsuite.protocol.tls12.Tls12ServerInteropTest#peers")
    void ourClientResumesWithPeerServer(String peerName) throws Exception {
        SSLContext ctx =
                JdkPeer.context(
                        TestPki.Shared.EC, PKI.root(), Tls12ServerInteropTest.provider(peerName));
        TlsEngine first = TlsEngine.client(client().build());
        JdkPeer s1 = JdkPeer.server(ctx, TLS12, false);
        JdkPeer.converse(first, s1);
        assertThat(s1.failure()).isNull();
        assertThat(first.receivedSessions()).hasSize(1);
        TlsEngine second =
                TlsEngine.client(client().resumeSession(first.receivedSessions().get(0)).build());
        JdkPeer s2 = JdkPeer.server(ctx, TLS12, false);
        JdkPeer.converse(second, s2);
        assertThat(s2.failure()).isNull();
        assertThat(second.isHandshakeComplete()).isTrue();
        assertThat(second.negotiated().orElseThrow().resumed()).isTrue();
        byte[] data = "resumed".getBytes(StandardCharsets.UTF_8);
        s2.step(second.write(data).outbound());
        assertThat(s2.received()).isEqualTo(data);
    }
}
