package io.tlsuite.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.Rfc8448;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 8448 §4 (resumed handshake), the PSK part: binder, early secret and the PSK key schedule. */
class Rfc8448ResumedHandshakeTest {
    private final Rfc8448 v = Rfc8448.section4();
    private final Rfc8448 s3 = Rfc8448.section3();
    private final CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;

    private HandshakeMessage.ClientHello clientHello() throws Exception {
        byte[] ch = v.get("client_hello");
        return (HandshakeMessage.ClientHello)
                HandshakeCodec.decode(1, Arrays.copyOfRange(ch, 4, ch.length));
    }

    @Test
    void clientHelloWithPreSharedKeyRoundTripsAndItsBinderVerifies() throws Exception {
        HandshakeMessage.ClientHello ch = clientHello();
        assertThat(HandshakeCodec.encode(ch)).isEqualTo(v.get("client_hello"));
        Extension.ClientPreSharedKey psk =
                Extension.find(ch.extensions(), Extension.ClientPreSharedKey.class).orElseThrow();
        assertThat(psk.identities()).hasSize(1);
        // The identity is the ticket of the §3 NewSessionTicket; the obfuscated age is age +
        // ticket_age_add.
        byte[] nst = s3.get("new_session_ticket");
        var ticket =
                (HandshakeMessage.NewSessionTicket)
                        HandshakeCodec.decode(4, Arrays.copyOfRange(nst, 4, nst.length));
        assertThat(psk.identities().get(0).identity()).isEqualTo(ticket.ticket());
        assertThat(psk.identities().get(0).obfuscatedTicketAge()).isEqualTo(ticket.ageAdd() + 6);
        // The PSK is the §3 resumption PSK for the ticket's nonce.
        KeySchedule s3ks = new KeySchedule(suite, null);
        assertThat(s3ks.resumptionPsk(s3.get("resumption_master_secret"), ticket.nonce()))
                .isEqualTo(v.get("psk"));

        byte[] truncated = HandshakeCodec.truncateBinders(v.get("client_hello"), psk);
        assertThat(suite.hash().digest(truncated)).isEqualTo(v.get("truncated_client_hello_hash"));
        KeySchedule ks = new KeySchedule(suite, v.get("psk"));
        assertThat(ks.earlySecret()).isEqualTo(v.get("early_secret"));
        byte[] binderKey = ks.resumptionBinderKey();
        assertThat(binderKey).isEqualTo(v.get("binder_key"));
        assertThat(ks.finishedKey(binderKey)).isEqualTo(v.get("binder_finished_key"));
        assertThat(ks.verifyData(binderKey, suite.hash().digest(truncated)))
                .isEqualTo(v.get("binder"));
        assertThat(psk.binders().get(0)).isEqualTo(v.get("binder"));
    }

    @Test
    void pskKeyScheduleMatchesTheTrace() throws Exception {
        KeySchedule ks = new KeySchedule(suite, v.get("psk"));
        Transcript t = new Transcript();
        t.add(v.get("client_hello"));
        t.startHash(suite.hash());
        t.add(v.get("server_hello"));
        ks.deriveHandshakeSecret(v.get("shared_secret"));
        assertThat(ks.handshakeSecret()).isEqualTo(v.get("handshake_secret"));
        byte[] shts = ks.serverHandshakeTrafficSecret(t.currentHash());
        assertThat(ks.clientHandshakeTrafficSecret(t.currentHash()))
                .isEqualTo(v.get("client_handshake_traffic_secret"));
        assertThat(shts).isEqualTo(v.get("server_handshake_traffic_secret"));
        assertThat(ks.trafficKeys(shts).key()).isEqualTo(v.get("server_handshake_key"));
        assertThat(ks.trafficKeys(shts).iv()).isEqualTo(v.get("server_handshake_iv"));
        ks.deriveMasterSecret();
        assertThat(ks.masterSecret()).isEqualTo(v.get("master_secret"));
        t.add(v.get("encrypted_extensions"));
        byte[] sf = v.get("server_finished");
        assertThat(ks.verifyData(shts, t.currentHash()))
                .isEqualTo(Arrays.copyOfRange(sf, 4, sf.length));
        t.add(sf);
        assertThat(ks.clientApplicationTrafficSecret(t.currentHash()))
                .isEqualTo(v.get("client_application_traffic_secret"));
        assertThat(ks.serverApplicationTrafficSecret(t.currentHash()))
                .isEqualTo(v.get("server_application_traffic_secret"));
        assertThat(ks.exporterMasterSecret(t.currentHash()))
                .isEqualTo(v.get("exporter_master_secret"));
    }

    /** A ticket store that knows the §3 ticket. */
    private TicketStore traceStore() throws Exception {
        byte[] nst = s3.get("new_session_ticket");
        var ticket =
                (HandshakeMessage.NewSessionTicket)
                        HandshakeCodec.decode(4, Arrays.copyOfRange(nst, 4, nst.length));
        byte[] psk = v.get("psk");
        return new TicketStore() {
            @Override
            public byte[] issue(ResumptionState state) {
                return new byte[] {1};
            }

            @Override
            public Optional<ResumptionState> redeem(byte[] t) {
                return Arrays.equals(t, ticket.ticket())
                        ? Optional.of(
                                new ResumptionState(
                                        psk,
                                        suite,
                                        Instant.now(),
                                        30,
                                        ticket.ageAdd(),
                                        Optional.empty(),
                                        Optional.of("server"),
                                        List.of()))
                        : Optional.empty();
            }
        };
    }

    @Test
    void ourServerAcceptsTheTraceClientHelloAndSkipsItsEarlyData() throws Exception {
        TlsEngine server =
                TlsEngine.server(
                        TlsConfig.builder()
                                .ticketStore(traceStore())
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build());
        byte[] earlyData =
                io.tlsuite.protocol.codec.Hex.parse(
                        "1703030017ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0");
        EngineOutput out =
                server.feed(
                        Records.join(
                                List.of(
                                        new Record(
                                                ContentType.HANDSHAKE,
                                                0x0301,
                                                v.get("client_hello")),
                                        Records.split(earlyData).get(0))));
        assertThat(server.failure()).isEmpty();
        Record shRecord = Records.split(out.outbound()).get(0);
        var sh =
                (HandshakeMessage.ServerHello)
                        HandshakeCodec.decode(
                                2,
                                Arrays.copyOfRange(
                                        shRecord.fragment(), 4, shRecord.fragment().length));
        assertThat(
                        Extension.find(sh.extensions(), Extension.ServerPreSharedKey.class)
                                .orElseThrow()
                                .selectedIdentity())
                .isZero();
        assertThat(server.stateName()).isEqualTo("ExpectClientFinished");
    }

    @Test
    void aWrongBinderIsDecryptError() throws Exception {
        TlsEngine server =
                TlsEngine.server(
                        TlsConfig.builder()
                                .ticketStore(traceStore())
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build());
        byte[] ch = v.get("client_hello");
        ch[ch.length - 1] ^= 1;
        EngineOutput out = server.feed(new Record(ContentType.HANDSHAKE, 0x0301, ch).encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }
}
