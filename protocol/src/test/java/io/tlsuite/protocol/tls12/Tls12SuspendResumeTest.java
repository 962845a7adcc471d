package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.resumption.ClientSession;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TLS 1.2 handshake moved between engines between flights (a stateless service: another replica
 * continues), and an established 1.2 connection moved in either role.
 */
class Tls12SuspendResumeTest {
    static final String[] TLS12 = {"TLSv1.2"};

    /** Each server flight is answered by a fresh engine resumed from the previous snapshot. */
    static TlsEngine relay(TlsConfig config, TlsEngine server, byte[] in) {
        TlsEngine next = TlsEngine.resume(config, server.suspend());
        assertThat(next.stateName()).isEqualTo(server.stateName());
        return next;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Tls12CipherSuite.class,
            names = {
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
            })
    void jdkClientNeverNoticesTheServerMovedAfterItsFlight(Tls12CipherSuite suite)
            throws Exception {
        for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
            TlsConfig config =
                    Tls12ServerInteropTest.server()
                            .groups(group)
                            .clientAuth(ClientAuth.OPTIONAL)
                            .build();
            JdkPeer peer =
                    JdkPeer.client(
                            JdkPeer.context(TestPki.Shared.CLIENT, TestPki.Shared.PKI.root()),
                            TLS12,
                            "localhost",
                            443,
                            suite.name());
            TlsEngine first = TlsEngine.server(config);
            byte[] flight2 = first.feed(peer.step(new byte[0])).outbound();
            assertThat(first.stateName()).isEqualTo("ExpectClientCertificate");
            byte[] snapshot = first.suspend();
            TlsEngine second = TlsEngine.resume(config, snapshot);
            byte[] flight4 = second.feed(peer.step(flight2)).outbound();
            assertThat(second.isHandshakeComplete()).as(() -> "" + second.failureCause()).isTrue();
            peer.step(flight4);
            assertThat(peer.failure()).isNull();
            assertThat(second.negotiated().orElseThrow().peerCertificates().get(0))
                    .isEqualTo(TestPki.Shared.CLIENT.leaf());
            // Once connected, a third engine carries the data.
            TlsEngine third = TlsEngine.resume(config, second.suspend());
            peer.send("moved twice".getBytes(StandardCharsets.UTF_8));
            assertThat(third.feed(peer.step(new byte[0])).applicationBytes())
                    .isEqualTo("moved twice".getBytes(StandardCharsets.UTF_8));
            peer.step(third.write(new byte[] {1, 2, 3}).outbound());
            assertThat(peer.received()).containsExactly(1, 2, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ClientAuth.class,
            names = {"NONE", "OPTIONAL"})
    void rsaKeyTransportStaysOnItsEngineUntilTheKeyExchangeThenMoves(ClientAuth auth)
            throws Exception {
        // Another engine (another replica) holds other keys: it could not decrypt the
        // pre-master secret, so the handshake does not move before ClientKeyExchange.
        TlsConfig config = Tls12ServerInteropTest.server().clientAuth(auth).build();
        JdkPeer peer =
                JdkPeer.client(
                        JdkPeer.context(TestPki.Shared.CLIENT, TestPki.Shared.PKI.root()),
                        TLS12,
                        "localhost",
                        443,
                        "TLS_RSA_WITH_AES_256_GCM_SHA384");
        TlsEngine server = TlsEngine.server(config);
        byte[] flight2 = server.feed(peer.step(new byte[0])).outbound();
        assertThatThrownBy(server::suspend)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RSA key transport");
        // Refusing to move changes nothing: the same engine completes the handshake.
        byte[] flight4 = server.feed(peer.step(flight2)).outbound();
        assertThat(server.isHandshakeComplete()).as(() -> "" + server.failureCause()).isTrue();
        peer.step(flight4);
        assertThat(peer.failure()).isNull();
        TlsEngine moved = TlsEngine.resume(config, server.suspend());
        peer.send("after the move".getBytes(StandardCharsets.UTF_8));
        assertThat(moved.feed(peer.step(new byte[0])).applicationBytes())
                .isEqualTo("after the move".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAbbreviatedHandshakeMovesAfterTheServerFlightAndClientsMoveOnceConnected() {
        TlsConfig server =
                Tls12ServerInteropTest.server().ticketStore(new InMemoryTicketStore()).build();
        TlsConfig.Builder client =
                TestPki.Shared.trustingClient().versions(ProtocolVersion.TLS_1_2);
        TlsEngine c1 = TlsEngine.client(client.build());
        TlsEngine s1 = TlsEngine.server(server);
        byte[] f2 = s1.feed(c1.start().outbound()).outbound();
        TlsEngine s1b = TlsEngine.resume(server, s1.suspend());
        byte[] f4 = s1b.feed(c1.feed(f2).outbound()).outbound();
        c1.feed(f4);
        assertThat(c1.isHandshakeComplete()).isTrue();
        ClientSession session = c1.receivedSessions().get(0);

        TlsEngine c2 = TlsEngine.client(client.resumeSession(session).build());
        TlsEngine s2 = TlsEngine.server(server);
        byte[] abbreviated = s2.feed(c2.start().outbound()).outbound();
        assertThat(s2.stateName()).isEqualTo("ExpectChangeCipherSpec");
        TlsEngine s2b = TlsEngine.resume(server, s2.suspend());
        EngineOutput done = s2b.feed(c2.feed(abbreviated).outbound());
        assertThat(s2b.isHandshakeComplete()).as(() -> "" + s2b.failureCause()).isTrue();
        assertThat(s2b.negotiated().orElseThrow().resumed()).isTrue();
        assertThat(done.alertSent()).isEmpty();
        // The client moves too, and the server reads what the moved client writes.
        TlsEngine c2b = TlsEngine.resume(client.build(), c2.suspend());
        assertThat(s2b.feed(c2b.write(new byte[] {42}).outbound()).applicationBytes())
                .containsExactly(42);
        assertThat(c2b.feed(s2b.write(new byte[] {43}).outbound()).applicationBytes())
                .containsExactly(43);
    }

    @Test
    void theMiddleOfAFlightCannotBeSuspended() throws Exception {
        TlsConfig config = Tls12ServerInteropTest.server().build();
        JdkPeer peer =
                JdkPeer.client(
                        JdkPeer.context(null, TestPki.Shared.PKI.root()), TLS12, "localhost", 443);
        TlsEngine server = TlsEngine.server(config);
        byte[] flight3 = peer.step(server.feed(peer.step(new byte[0])).outbound());
        // Only the ClientKeyExchange record: the server then waits for change_cipher_spec.
        byte[] cke =
                java.util.Arrays.copyOf(
                        flight3, 5 + ((flight3[3] & 0xff) << 8 | (flight3[4] & 0xff)));
        server.feed(cke);
        assertThat(server.stateName()).isEqualTo("ExpectChangeCipherSpec");
        assertThatThrownBy(server::suspend).isInstanceOf(IllegalStateException.class);
    }
}
