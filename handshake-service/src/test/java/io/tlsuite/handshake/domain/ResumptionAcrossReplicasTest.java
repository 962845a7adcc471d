package io.tlsuite.handshake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.resumption.ClientSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two server configurations) sharing the ticket key file: a ticket issued by one
 * resumes on the other; each accepts a ticket once; a replica with another key does a full
 * handshake.
 */
class ResumptionAcrossReplicasTest {
    static TestCertificateAuthority ca;
    static TlsConfig serverBase;

    @BeforeAll
    static void pki() throws Exception {
        ca = new TestCertificateAuthority();
        KeyPair kp = TestCertificateAuthority.keyPair();
        var leaf =
                ca.issueFor(
                        kp.getPublic(),
                        "localhost",
                        KeyPurposeId.id_kp_serverAuth,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        serverBase =
                TlsConfig.builder()
                        .certificate(List.of(leaf, ca.intermediate), kp.getPrivate())
                        .build();
    }

    @AfterAll
    static void stop() {
        ca.close();
    }

    static TlsEngine server(SealedTicketStore tickets) {
        return TlsEngine.server(serverBase.toBuilder().ticketStore(tickets).build());
    }

    static TlsEngine client(ClientSession resume) {
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(ca.root)));
        if (resume != null) {
            b.resumeSession(resume);
        }
        return TlsEngine.client(b.build());
    }

    /** Runs the handshake in memory, both ways, until both sides are done. */
    static void pump(TlsEngine client, TlsEngine server) {
        byte[] toServer = client.start().outbound();
        for (int i = 0; i < 10 && toServer.length > 0; i++) {
            EngineOutput s = server.feed(toServer);
            EngineOutput c = client.feed(s.outbound());
            toServer = c.outbound();
        }
    }

    @Test
    void aTicketFromOneReplicaResumesOnTheOtherOnce() throws Exception {
        Path keyFile = Files.createTempDirectory("tickets").resolve("key");
        SealedTicketStore replicaA =
                new SealedTicketStore(
                        SealedTicketStore.loadOrCreateKey(keyFile), Clock.systemUTC());
        SealedTicketStore replicaB =
                new SealedTicketStore(
                        SealedTicketStore.loadOrCreateKey(keyFile), Clock.systemUTC());
        assertThat(Files.readString(keyFile).trim()).hasSize(64);

        TlsEngine first = client(null);
        TlsEngine a = server(replicaA);
        pump(first, a);
        assertThat(first.isHandshakeComplete()).isTrue();
        assertThat(a.negotiated().orElseThrow().resumed()).isFalse();
        ClientSession ticket = first.receivedSessions().get(0);

        TlsEngine resumed = client(ticket);
        TlsEngine b = server(replicaB);
        pump(resumed, b);
        assertThat(b.negotiated().orElseThrow().resumed()).isTrue();
        assertThat(resumed.negotiated().orElseThrow().resumed()).isTrue();

        // The same ticket again on the same replica: refused, a full handshake instead.
        TlsEngine again = client(ticket);
        TlsEngine b2 = server(replicaB);
        pump(again, b2);
        assertThat(b2.isHandshakeComplete()).isTrue();
        assertThat(b2.negotiated().orElseThrow().resumed()).isFalse();

        // A replica with another key cannot open the ticket: a full handshake.
        SealedTicketStore stranger = new SealedTicketStore(new byte[32], Clock.systemUTC());
        TlsEngine third = client(first.receivedSessions().get(0));
        TlsEngine c = server(stranger);
        pump(third, c);
        assertThat(c.negotiated().orElseThrow().resumed()).isFalse();
    }

    @Test
    void aTamperedTicketIsRefused() throws Exception {
        SealedTicketStore store = new SealedTicketStore(new byte[32], Clock.systemUTC());
        TlsEngine first = client(null);
        pump(first, server(store));
        ClientSession s = first.receivedSessions().get(0);
        byte[] ticket = s.ticket();
        ticket[ticket.length - 1] ^= 1;
        assertThat(store.open(ticket)).isEmpty();
        assertThat(store.open(new byte[] {1, 2, 3})).isEmpty();
        assertThat(store.open(s.ticket())).isPresent();
    }

    /**
     * TLS 1.2 by session id (a client without session_ticket): the replica keeps the session sealed
     * under the id it chose; the id resumes there once; another replica, which never saw the id,
     * does a full handshake (session ids are per replica, tickets are not).
     */
    @Test
    void aTls12SessionIdResumesOnItsReplicaOnce() throws Exception {
        SealedTicketStore a = new SealedTicketStore(new byte[32], Clock.systemUTC());
        SealedTicketStore b = new SealedTicketStore(new byte[32], Clock.systemUTC());
        TlsEngine first = tls12ClientWithoutTickets(null);
        pump(first, server(a));
        assertThat(first.isHandshakeComplete()).isTrue();
        ClientSession session = first.receivedSessions().get(0);
        assertThat(session.sessionId()).hasSize(32);
        assertThat(session.ticket()).isEmpty();

        TlsEngine elsewhere = server(b);
        pump(tls12ClientWithoutTickets(session), elsewhere);
        assertThat(elsewhere.negotiated().orElseThrow().resumed()).isFalse();

        TlsEngine again = server(a);
        TlsEngine resumed = tls12ClientWithoutTickets(session);
        pump(resumed, again);
        assertThat(resumed.isHandshakeComplete()).isTrue();
        assertThat(again.negotiated().orElseThrow().resumed()).isTrue();

        TlsEngine third = server(a);
        pump(tls12ClientWithoutTickets(session), third);
        assertThat(third.negotiated().orElseThrow().resumed()).as("single use").isFalse();
    }

    static TlsEngine tls12ClientWithoutTickets(ClientSession resume) {
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .serverName("localhost")
                        .versions(io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2)
                        .tls12SessionTickets(false)
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(ca.root)));
        if (resume != null) {
            b.resumeSession(resume);
        }
        return TlsEngine.client(b.build());
    }
}
