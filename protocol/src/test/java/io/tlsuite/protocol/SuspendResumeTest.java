package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import org.junit.jupiter.api.Test;

/**
 * A server handshake that moves between engines (replicas) at every flight, as a stateless service
 * does.
 */
class SuspendResumeTest {
    static final TrustStore TRUST = TrustStore.of(TestPki.Shared.PKI.root());

    static TlsConfig.Builder serverConfig() {
        return TlsConfig.builder()
                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                .certificateValidator(new PkixCertificateValidator(TRUST));
    }

    static TlsConfig.Builder clientConfig() {
        return TlsConfig.builder()
                .serverName("localhost")
                .certificateValidator(new PkixCertificateValidator(TRUST));
    }

    @Test
    void serverMovesAfterItsFlightAndAfterTheHandshake() {
        TlsConfig cfg = serverConfig().ticketStore(new InMemoryTicketStore()).build();
        TlsEngine client = TlsEngine.client(clientConfig().build());
        TlsEngine first = TlsEngine.server(cfg);
        byte[] flight = first.feed(client.start().outbound()).outbound();
        byte[] snapshot = first.suspend();

        TlsEngine second = TlsEngine.resume(cfg, snapshot);
        assertThat(second.stateName()).isEqualTo("ExpectClientFinished");
        second.feed(client.feed(flight).outbound());
        assertThat(second.isHandshakeComplete()).isTrue();
        assertThat(second.negotiated().orElseThrow().serverName()).contains("localhost");

        TlsEngine third = TlsEngine.resume(cfg, second.suspend());
        assertThat(third.feed(client.write(new byte[] {1, 2}).outbound()).applicationBytes())
                .containsExactly(1, 2);
        assertThat(client.feed(third.write(new byte[] {3}).outbound()).applicationBytes())
                .containsExactly(3);

        // The ticket sent by the first engine resumes on yet another one.
        TlsEngine client2 =
                TlsEngine.client(
                        clientConfig().resumeSession(client.receivedSessions().get(0)).build());
        Pump.handshake(client2, TlsEngine.server(cfg));
        assertThat(client2.negotiated().orElseThrow().resumed()).isTrue();
    }

    @Test
    void serverMovesAfterHelloRetryRequestAndWithClientAuthentication() {
        TlsConfig cfg =
                serverConfig().groups(NamedGroup.SECP256R1).clientAuth(ClientAuth.REQUIRED).build();
        TlsEngine client =
                TlsEngine.client(
                        clientConfig()
                                .certificate(
                                        TestPki.Shared.CLIENT.chain(), TestPki.Shared.CLIENT.key())
                                .build());
        TlsEngine a = TlsEngine.server(cfg);
        byte[] hrr = a.feed(client.start().outbound()).outbound();
        TlsEngine b = TlsEngine.resume(cfg, a.suspend());
        assertThat(b.stateName()).isEqualTo("ExpectSecondClientHello");
        byte[] flight = b.feed(client.feed(hrr).outbound()).outbound();
        TlsEngine c = TlsEngine.resume(cfg, b.suspend());
        assertThat(c.stateName()).isEqualTo("ExpectClientCertificate");
        c.feed(client.feed(flight).outbound());
        assertThat(c.isHandshakeComplete()).isTrue();
        assertThat(c.negotiated().orElseThrow().helloRetryRequest()).isTrue();
        assertThat(c.negotiated().orElseThrow().peerCertificates())
                .containsExactly(TestPki.Shared.CLIENT.leaf());
        assertThat(client.exportKeyingMaterial("l", new byte[0], 8))
                .isEqualTo(c.exportKeyingMaterial("l", new byte[0], 8));
    }

    @Test
    void jdkClientSeesOneServerAcrossReplicas() throws Exception {
        TlsConfig cfg = serverConfig().ticketStore(new InMemoryTicketStore()).build();
        JdkPeer jdk =
                JdkPeer.client(JdkPeer.context(null, TestPki.Shared.PKI.root()), "localhost", 443);
        TlsEngine a = TlsEngine.server(cfg);
        byte[] flight = a.feed(jdk.step(new byte[0])).outbound();
        TlsEngine b = TlsEngine.resume(cfg, a.suspend());
        jdk.send(new byte[] {42});
        EngineOutput out = b.feed(jdk.step(flight));
        assertThat(jdk.failure()).isNull();
        assertThat(b.isHandshakeComplete()).isTrue();
        assertThat(out.applicationBytes()).containsExactly(42);
    }

    @Test
    void notSuspendableMidFlightOrBeforeTheClientHello() {
        TlsEngine server = TlsEngine.server(serverConfig().build());
        assertThatThrownBy(server::suspend).isInstanceOf(IllegalStateException.class);
        TlsEngine client = TlsEngine.client(clientConfig().build());
        byte[] ch = client.start().outbound();
        server.feed(java.util.Arrays.copyOf(ch, 10));
        assertThatThrownBy(server::suspend).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TlsEngine.resume(serverConfig().build(), new byte[] {9}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
