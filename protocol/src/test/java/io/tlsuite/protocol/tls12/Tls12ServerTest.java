package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.MessageFields;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.AlertLevel;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLS 1.2 server's rules: versions, sentinel, required extensions, renegotiation, events. */
class Tls12ServerTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final byte[] DOWNGRD_01 = "DOWNGRD\u0001".getBytes(StandardCharsets.US_ASCII);

    /** Records every message and alert, like a service's event recorder would. */
    static final class Recorder implements TlsListener {
        final List<HandshakeMessage> sent = new ArrayList<>();
        final List<HandshakeMessage> received = new ArrayList<>();
        final List<Alert> alertsSent = new ArrayList<>();
        final List<Direction> changeCipherSpecs = new ArrayList<>();

        @Override
        public void handshakeMessage(Direction d, HandshakeMessage m, byte[] raw) {
            (d == Direction.SENT ? sent : received).add(m);
        }

        @Override
        public void alert(Direction d, Alert a) {
            if (d == Direction.SENT) {
                alertsSent.add(a);
            }
        }

        @Override
        public void changeCipherSpec(Direction d) {
            changeCipherSpecs.add(d);
        }

        <T> T first(List<HandshakeMessage> list, Class<T> type) {
            for (HandshakeMessage m : list) {
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
                if (m instanceof HandshakeMessage.Tls12 t && type.isInstance(t.message())) {
                    return type.cast(t.message());
                }
            }
            throw new AssertionError("no " + type.getSimpleName());
        }
    }

    static JdkPeer jdkClient(String[] protocols, String... suites) throws Exception {
        return JdkPeer.client(
                JdkPeer.context(null, PKI.root()), protocols, "localhost", 443, suites);
    }

    @Test
    void aTls13CapableServerMarksItsTls12ServerRandom() throws Exception {
        Recorder events = new Recorder();
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().listener(events).build());
        JdkPeer.converse(ours, jdkClient(new String[] {"TLSv1.2"}));
        assertThat(ours.negotiated().orElseThrow().version()).isEqualTo(ProtocolVersion.TLS_1_2);
        byte[] random = events.first(events.sent, HandshakeMessage.ServerHello.class).random();
        assertThat(Arrays.copyOfRange(random, 24, 32)).isEqualTo(DOWNGRD_01);
    }

    @Test
    void aTls12OnlyServerSendsNoSentinel() throws Exception {
        Recorder events = new Recorder();
        TlsEngine ours =
                TlsEngine.server(
                        Tls12ServerInteropTest.server()
                                .versions(ProtocolVersion.TLS_1_2)
                                .listener(events)
                                .build());
        // Even a TLS 1.3-capable client gets TLS 1.2 here, and accepts it: no sentinel.
        JdkPeer peer = jdkClient(new String[] {"TLSv1.3", "TLSv1.2"});
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).isNull();
        assertThat(ours.negotiated().orElseThrow().version()).isEqualTo(ProtocolVersion.TLS_1_2);
        byte[] random = events.first(events.sent, HandshakeMessage.ServerHello.class).random();
        assertThat(Arrays.copyOfRange(random, 24, 32)).isNotEqualTo(DOWNGRD_01);
    }

    @Test
    void tls13IsPreferredWhenTheClientOffersBoth() throws Exception {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        JdkPeer peer = jdkClient(new String[] {"TLSv1.3", "TLSv1.2"});
        JdkPeer.converse(ours, peer);
        assertThat(ours.negotiated().orElseThrow().version()).isEqualTo(ProtocolVersion.TLS_1_3);
        assertThat(peer.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void aCbcOnlyOfferIsHandshakeFailure() throws Exception {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        JdkPeer peer =
                jdkClient(
                        new String[] {"TLSv1.2"},
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                        "TLS_RSA_WITH_AES_128_CBC_SHA256");
        JdkPeer.converse(ours, peer);
        assertThat(ours.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(peer.failure()).isNotNull();
        assertThat(peer.failure().getMessage()).containsIgnoringCase("handshake_failure");
    }

    static Extension ext(int type, String hex) {
        return new Extension.Unknown(type, io.tlsuite.protocol.codec.Hex.parse(hex));
    }

    static EngineOutput feedHello(TlsEngine server, List<Integer> suites, List<Extension> ext) {
        HandshakeMessage.ClientHello ch =
                new HandshakeMessage.ClientHello(
                        0x0303, new byte[32], new byte[0], suites, new byte[] {0}, ext);
        return server.feed(
                new Record(ContentType.HANDSHAKE, 0x0301, HandshakeCodec.encode(ch)).encode());
    }

    /** The extension types of the ServerHello at the start of a plaintext server flight. */
    static List<Integer> serverHelloExtensionTypes(byte[] flight) {
        byte[] fragment = java.util.Arrays.copyOfRange(flight, 5, flight.length);
        int length =
                ((fragment[1] & 0xff) << 16) | ((fragment[2] & 0xff) << 8) | (fragment[3] & 0xff);
        HandshakeMessage m;
        try {
            m =
                    HandshakeCodec.decode(
                            fragment[0] & 0xff,
                            java.util.Arrays.copyOfRange(fragment, 4, 4 + length));
        } catch (io.tlsuite.protocol.alert.TlsAlertException e) {
            throw new AssertionError(e);
        }
        return ((HandshakeMessage.ServerHello) m)
                .extensions().stream().map(Extension::type).toList();
    }

    static List<Extension> goodExtensions() {
        List<Extension> ext = new ArrayList<>();
        ext.add(new Extension.SupportedGroups(List.of(0x001d, 0x0017)));
        ext.add(new Extension.SignatureAlgorithms(List.of(0x0403, 0x0804)));
        ext.add(ext(ExtensionType.EXTENDED_MASTER_SECRET, ""));
        ext.add(ext(ExtensionType.RENEGOTIATION_INFO, "00"));
        return ext;
    }

    @Test
    void aHandWrittenClientHelloWithEverythingRequiredGetsTheServerFlight() {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        EngineOutput out = feedHello(ours, List.of(0xc02b), goodExtensions());
        assertThat(out.alertSent()).isEmpty();
        assertThat(ours.stateName()).isEqualTo("ExpectClientKeyExchange");
    }

    @Test
    void aClientWithoutExtendedMasterSecretIsAcceptedUnlessRequired() {
        List<Extension> ext = goodExtensions();
        ext.removeIf(e -> e.type() == ExtensionType.EXTENDED_MASTER_SECRET);
        TlsEngine lenient = TlsEngine.server(Tls12ServerInteropTest.server().build());
        assertThat(feedHello(lenient, List.of(0xc02b), ext).alertSent()).isEmpty();
        assertThat(lenient.stateName()).isEqualTo("ExpectClientKeyExchange");
        TlsEngine strict =
                TlsEngine.server(
                        Tls12ServerInteropTest.server().requireExtendedMasterSecret(true).build());
        assertThat(feedHello(strict, List.of(0xc02b), ext).alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void aClientWithoutSecureRenegotiationSignallingIsAcceptedUnlessRequired() {
        List<Extension> ext = goodExtensions();
        ext.removeIf(e -> e.type() == ExtensionType.RENEGOTIATION_INFO);
        TlsEngine lenient = TlsEngine.server(Tls12ServerInteropTest.server().build());
        EngineOutput out = feedHello(lenient, List.of(0xc02b), ext);
        assertThat(out.alertSent()).isEmpty();
        // RFC 5746 §3.6: no renegotiation_info in our ServerHello for a client that sent none.
        assertThat(serverHelloExtensionTypes(out.outbound()))
                .doesNotContain(ExtensionType.RENEGOTIATION_INFO)
                .contains(ExtensionType.EXTENDED_MASTER_SECRET);
        TlsEngine ours =
                TlsEngine.server(
                        Tls12ServerInteropTest.server().requireSecureRenegotiation(true).build());
        assertThat(feedHello(ours, List.of(0xc02b), ext).alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        // The SCSV instead of the extension is enough (RFC 5746 §3.3).
        TlsEngine withScsv =
                TlsEngine.server(
                        Tls12ServerInteropTest.server().requireSecureRenegotiation(true).build());
        assertThat(feedHello(withScsv, List.of(0xc02b, 0x00ff), ext).alertSent()).isEmpty();
        // A non-empty renegotiated_connection in an initial handshake is refused.
        List<Extension> bad = goodExtensions();
        bad.removeIf(e -> e.type() == ExtensionType.RENEGOTIATION_INFO);
        bad.add(ext(ExtensionType.RENEGOTIATION_INFO, "0c000102030405060708090a0b"));
        TlsEngine renegotiating = TlsEngine.server(Tls12ServerInteropTest.server().build());
        assertThat(
                        feedHello(renegotiating, List.of(0xc02b), bad)
                                .alertSent()
                                .orElseThrow()
                                .description())
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void tls11IsProtocolVersionEvenWithEveryExtension() {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        HandshakeMessage.ClientHello ch =
                new HandshakeMessage.ClientHello(
                        0x0302,
                        new byte[32],
                        new byte[0],
                        List.of(0xc02b, 0xc013),
                        new byte[] {0},
                        goodExtensions());
        EngineOutput out =
                ours.feed(
                        new Record(ContentType.HANDSHAKE, 0x0301, HandshakeCodec.encode(ch))
                                .encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void aFallbackRetryBelowTls13IsInappropriateFallback() {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        assertThat(
                        feedHello(ours, List.of(0xc02b, 0x5600), goodExtensions())
                                .alertSent()
                                .orElseThrow()
                                .description())
                .isEqualTo(AlertDescription.INAPPROPRIATE_FALLBACK);
    }

    @Test
    void renegotiationAttemptGetsANoRenegotiationWarning() throws Exception {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        JdkPeer peer = jdkClient(new String[] {"TLSv1.2"});
        JdkPeer.converse(ours, peer);
        assertThat(ours.isHandshakeComplete()).isTrue();
        peer.engine().beginHandshake();
        byte[] secondHello = peer.step(new byte[0]);
        assertThat(secondHello).isNotEmpty();
        EngineOutput out = ours.feed(secondHello);
        assertThat(out.alertSent().orElseThrow())
                .isEqualTo(new Alert(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION));
        assertThat(ours.failure()).isEmpty();
        assertThat(ours.isClosed()).isFalse();
        // The connection still carries data from our side.
        assertThat(ours.write("still here".getBytes(StandardCharsets.UTF_8)).outbound())
                .isNotEmpty();
    }

    @Test
    void rsaKeyTransportEventsShowTheEncryptedPreMasterSecretOnlyBySize() throws Exception {
        Recorder events = new Recorder();
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().listener(events).build());
        JdkPeer peer = jdkClient(new String[] {"TLSv1.2"}, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        JdkPeer.converse(ours, peer);
        assertThat(ours.isHandshakeComplete()).isTrue();
        Tls12HandshakeMessage.ClientKeyExchangeRsa cke =
                events.first(events.received, Tls12HandshakeMessage.ClientKeyExchangeRsa.class);
        Map<String, Object> fields = MessageFields.of(new HandshakeMessage.Tls12(cke));
        assertThat(fields)
                .containsEntry("type", "client_key_exchange")
                .containsEntry("keyExchange", "RSA")
                .containsEntry("encryption", "RSAES-PKCS1-v1_5")
                .containsEntry("encryptedPreMasterSecretLength", 256);
        assertThat(fields.toString())
                .doesNotContain(io.tlsuite.protocol.codec.Hex.of(cke.encryptedPreMasterSecret()));
        // The same lifecycle events as TLS 1.3: every message, both change_cipher_specs.
        assertThat(events.sent.stream().map(m -> m.handshakeType()).toList())
                .containsExactly(2, 11, 14, 20);
        assertThat(events.received.stream().map(m -> m.handshakeType()).toList())
                .containsExactly(1, 16, 20);
        assertThat(events.changeCipherSpecs)
                .containsExactly(TlsListener.Direction.RECEIVED, TlsListener.Direction.SENT);
    }

    @Test
    void exporterAndSessionSecretsWorkForTls12() throws Exception {
        TlsEngine ours = TlsEngine.server(Tls12ServerInteropTest.server().build());
        JdkPeer peer = jdkClient(new String[] {"TLSv1.2"});
        JdkPeer.converse(ours, peer);
        assertThat(ours.exportKeyingMaterial("EXPORTER-test", null, 32)).hasSize(32);
        var secrets = ours.sessionSecrets();
        assertThat(secrets.cipherSuite().version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(secrets.toString()).doesNotContain("=" + secrets.exporterMasterSecret()[0]);
        // Another engine continues the connection from the secrets.
        TlsEngine restored = TlsEngine.restore(Tls12ServerInteropTest.server().build(), secrets);
        peer.send("after restore".getBytes(StandardCharsets.UTF_8));
        assertThat(restored.feed(peer.step(new byte[0])).applicationBytes())
                .isEqualTo("after restore".getBytes(StandardCharsets.UTF_8));
        peer.step(restored.write("back".getBytes(StandardCharsets.UTF_8)).outbound());
        assertThat(peer.received()).isEqualTo("back".getBytes(StandardCharsets.UTF_8));
        secrets.destroy();
    }
}
