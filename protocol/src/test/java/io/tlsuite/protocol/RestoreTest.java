package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import org.junit.jupiter.api.Test;

/** A connection continued by another engine (another replica) from its session secrets. */
class RestoreTest {
    @Test
    void serverSideContinuesOnAnotherEngine() {
        TlsConfig serverCfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .ticketStore(new InMemoryTicketStore())
                        .build();
        TlsEngine client =
                TlsEngine.client(
                        TlsConfig.builder()
                                .serverName("localhost")
                                .certificateValidator(
                                        new PkixCertificateValidator(
                                                TrustStore.of(TestPki.Shared.PKI.root())))
                                .build());
        TlsEngine server = TlsEngine.server(serverCfg);
        Pump.handshake(client, server);
        assertThat(server.feed(client.write(new byte[] {1}).outbound()).applicationBytes())
                .containsExactly(1);
        client.feed(server.write(new byte[] {2}).outbound());

        SessionSecrets snapshot = server.sessionSecrets();
        assertThat(snapshot.toString())
                .doesNotContain(Hex.of(snapshot.serverApplicationTrafficSecret()));
        assertThat(snapshot.readSequence()).isEqualTo(1);
        TlsEngine replica = TlsEngine.restore(serverCfg, snapshot);
        assertThat(replica.isHandshakeComplete()).isTrue();
        assertThat(replica.negotiated()).isEqualTo(server.negotiated());

        assertThat(replica.feed(client.write(new byte[] {3}).outbound()).applicationBytes())
                .containsExactly(3);
        assertThat(client.feed(replica.write(new byte[] {4}).outbound()).applicationBytes())
                .containsExactly(4);
        assertThat(replica.exportKeyingMaterial("x", new byte[0], 16))
                .isEqualTo(client.exportKeyingMaterial("x", new byte[0], 16));
        // KeyUpdate and close keep working on the replica.
        client.feed(replica.feed(client.updateKeys(true).outbound()).outbound());
        assertThat(replica.feed(client.write(new byte[] {5}).outbound()).applicationBytes())
                .containsExactly(5);
        EngineOutput closed = client.feed(replica.close().outbound());
        assertThat(closed.alertReceived().orElseThrow().description())
                .isEqualTo(AlertDescription.CLOSE_NOTIFY);
    }

    @Test
    void clientSideContinuesAndStillTakesTickets() {
        TlsConfig clientCfg =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(
                                new PkixCertificateValidator(
                                        TrustStore.of(TestPki.Shared.PKI.root())))
                        .build();
        TlsEngine client = TlsEngine.client(clientCfg);
        TlsEngine server =
                TlsEngine.server(
                        TlsConfig.builder()
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build());
        Pump.handshake(client, server);
        TlsEngine replica = TlsEngine.restore(clientCfg, client.sessionSecrets());
        assertThat(server.feed(replica.write(new byte[] {9}).outbound()).applicationBytes())
                .containsExactly(9);
        assertThat(replica.feed(server.write(new byte[] {8}).outbound()).applicationBytes())
                .containsExactly(8);
    }
}
