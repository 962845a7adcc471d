package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.config.TlsConfig;
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

    @Test
    void keysChangeBeforeTheAeadRecordLimit() {
        TlsConfig serverCfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .build();
        TlsConfig clientCfg =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(
                                new PkixCertificateValidator(
                                        TrustStore.of(TestPki.Shared.PKI.root())))
                        .build();
        TlsEngine client = TlsEngine.client(clientCfg);
        TlsEngine server = TlsEngine.server(serverCfg);
        Pump.handshake(client, server);
        // Pretend the client has written 2^24 records: both sides continue from that point.
        SessionSecrets c = client.sessionSecrets();
        SessionSecrets s = server.sessionSecrets();
        long limit = TlsEngine.KEY_UPDATE_AFTER_RECORDS;
        TlsEngine busyClient =
                TlsEngine.restore(
                        clientCfg,
                        new SessionSecrets(
                                true,
                                c.negotiated(),
                                c.clientApplicationTrafficSecret(),
                                c.serverApplicationTrafficSecret(),
                                c.exporterMasterSecret(),
                                c.resumptionMasterSecret(),
                                c.readSequence(),
                                limit));
        TlsEngine busyServer =
                TlsEngine.restore(
                        serverCfg,
                        new SessionSecrets(
                                false,
                                s.negotiated(),
                                s.clientApplicationTrafficSecret(),
                                s.serverApplicationTrafficSecret(),
                                s.exporterMasterSecret(),
                                s.resumptionMasterSecret(),
                                limit,
                                s.writeSequence()));
        byte[] records = busyClient.write(new byte[] {1}).outbound();
        // A KeyUpdate record, then the data under the new key (sequence 0).
        assertThat(io.tlsuite.protocol.testing.Records.split(records)).hasSize(2);
        assertThat(busyClient.sessionSecrets().writeSequence()).isEqualTo(1);
        assertThat(busyServer.feed(records).applicationBytes()).containsExactly(1);
    }
}
