package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.KeyLog;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners see every message and state change, and never a secret; the key log is opt-in. */
class ObservabilityTest {
    static final class Recorder implements TlsListener {
        final List<String> events = new ArrayList<>();
        final List<byte[]> raw = new ArrayList<>();
        final List<String> rendered = new ArrayList<>();
        final List<HandshakeMessage> messages = new ArrayList<>();

        @Override
        public void handshakeMessage(Direction d, HandshakeMessage m, byte[] bytes) {
            events.add(d + " " + HandshakeType.name(m.handshakeType()));
            raw.add(bytes);
            rendered.add(m.toString());
            messages.add(m);
            assertThat(bytes[0] & 0xff).isEqualTo(m.handshakeType());
        }

        @Override
        public void stateChanged(String from, String to) {
            events.add("state " + from + " -> " + to);
        }

        @Override
        public void alert(Direction d, Alert a) {
            events.add(d + " alert " + a.description().wireName());
        }

        @Override
        public void changeCipherSpec(Direction d) {
            events.add(d + " change_cipher_spec");
        }
    }

    static final class Keys implements KeyLog {
        final Map<String, byte[]> secrets = new HashMap<>();

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            secrets.put(label, secret.clone());
        }
    }

    @Test
    void listenersSeeEveryMessageAndStateButNoSecret() {
        Recorder clientEvents = new Recorder();
        Recorder serverEvents = new Recorder();
        Keys keys = new Keys();
        TlsEngine c =
                TlsEngine.client(
                        TlsConfig.builder()
                                .serverName("localhost")
                                .listener(clientEvents)
                                .keyLog(keys)
                                .certificateValidator(
                                        new PkixCertificateValidator(
                                                TrustStore.of(TestPki.Shared.PKI.root())))
                                .build());
        TlsEngine s =
                TlsEngine.server(
                        TlsConfig.builder()
                                .listener(serverEvents)
                                .ticketStore(new InMemoryTicketStore())
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build());
        Pump.handshake(c, s);
        s.feed(c.close().outbound());

        assertThat(clientEvents.events)
                .containsSubsequence(
                        "SENT client_hello",
                        "state Start -> ExpectServerHello",
                        "RECEIVED server_hello",
                        "state ExpectServerHello -> ExpectEncryptedExtensions",
                        "RECEIVED change_cipher_spec",
                        "RECEIVED encrypted_extensions",
                        "RECEIVED certificate",
                        "RECEIVED certificate_verify",
                        "RECEIVED finished",
                        "SENT change_cipher_spec",
                        "SENT finished",
                        "state ExpectFinished -> Connected",
                        "RECEIVED new_session_ticket",
                        "SENT alert close_notify");
        assertThat(serverEvents.events)
                .containsSubsequence(
                        "RECEIVED client_hello",
                        "SENT server_hello",
                        "SENT change_cipher_spec",
                        "SENT encrypted_extensions",
                        "SENT certificate",
                        "SENT certificate_verify",
                        "SENT finished",
                        "SENT new_session_ticket",
                        "state ExpectClientHello -> ExpectClientFinished",
                        "RECEIVED finished",
                        "state ExpectClientFinished -> Connected",
                        "RECEIVED alert close_notify");

        assertThat(keys.secrets)
                .containsOnlyKeys(
                        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                        "CLIENT_TRAFFIC_SECRET_0",
                        "SERVER_TRAFFIC_SECRET_0",
                        "EXPORTER_SECRET");
        List<String> everything = new ArrayList<>();
        for (Recorder r : List.of(clientEvents, serverEvents)) {
            everything.addAll(r.rendered);
            r.raw.forEach(b -> everything.add(Hex.of(b)));
        }
        everything.add(c.toString());
        everything.add(s.toString());
        everything.add(c.negotiated().map(Object::toString).orElse(""));
        for (byte[] secret : keys.secrets.values()) {
            String hex = Hex.of(secret);
            assertThat(everything).noneMatch(e -> e.contains(hex));
        }
    }

    @Test
    void tls12RsaAndEcdheEventsCarryNoSecret() throws Exception {
        for (io.tlsuite.protocol.crypto.Tls12CipherSuite suite :
                List.of(
                        io.tlsuite.protocol.crypto.Tls12CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
                        io.tlsuite.protocol.crypto.Tls12CipherSuite
                                .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)) {
            Recorder clientEvents = new Recorder();
            Recorder serverEvents = new Recorder();
            Keys keys = new Keys();
            TlsEngine c =
                    TlsEngine.client(
                            TestPki.Shared.trustingClient()
                                    .versions(ProtocolVersion.TLS_1_2)
                                    .tls12CipherSuites(suite)
                                    .certificate(
                                            TestPki.Shared.CLIENT.chain(),
                                            TestPki.Shared.CLIENT.key())
                                    .listener(clientEvents)
                                    .keyLog(keys)
                                    .build());
            TlsEngine s =
                    TlsEngine.server(
                            TestPki.Shared.server(TestPki.Shared.EC)
                                    .addCertificate(
                                            TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key())
                                    .clientAuth(ClientAuth.REQUIRED)
                                    .ticketStore(new InMemoryTicketStore())
                                    .listener(serverEvents)
                                    .build());
            Pump.handshake(c, s);
            assertThat(c.isHandshakeComplete()).isTrue();
            s.feed(c.close().outbound());
            assertThat(serverEvents.events)
                    .containsSubsequence(
                            "RECEIVED client_hello",
                            "SENT server_hello",
                            "SENT certificate",
                            "SENT certificate_request",
                            "SENT server_hello_done",
                            "RECEIVED certificate",
                            "RECEIVED client_key_exchange",
                            "RECEIVED certificate_verify",
                            "RECEIVED change_cipher_spec",
                            "RECEIVED finished",
                            "SENT new_session_ticket",
                            "SENT change_cipher_spec",
                            "SENT finished",
                            "state ExpectClientFinished -> Connected",
                            "RECEIVED alert close_notify");
            byte[] master = keys.secrets.get("CLIENT_RANDOM");
            assertThat(master).hasSize(48);
            List<byte[]> secrets = new ArrayList<>(List.of(master));
            byte[] cr = null;
            byte[] sr = null;
            byte[] encryptedPreMaster = null;
            for (int i = 0; i < serverEvents.raw.size(); i++) {
                byte[] raw = serverEvents.raw.get(i);
                if (raw[0] == 1) {
                    cr = java.util.Arrays.copyOfRange(raw, 6, 38);
                } else if (raw[0] == 2) {
                    sr = java.util.Arrays.copyOfRange(raw, 6, 38);
                } else if (raw[0] == 16 && suite.keyExchange().name().equals("RSA")) {
                    encryptedPreMaster = java.util.Arrays.copyOfRange(raw, 6, raw.length);
                }
            }
            var block =
                    io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule.keyBlock(
                            suite, master, cr, sr);
            secrets.addAll(
                    List.of(
                            block.clientWriteKey(),
                            block.serverWriteKey(),
                            block.clientWriteIv(),
                            block.serverWriteIv()));
            if (encryptedPreMaster != null) {
                javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(javax.crypto.Cipher.DECRYPT_MODE, TestPki.Shared.RSA.key());
                secrets.add(rsa.doFinal(encryptedPreMaster));
            }
            List<String> everything = new ArrayList<>();
            for (Recorder r : List.of(clientEvents, serverEvents)) {
                everything.addAll(r.rendered);
                r.raw.forEach(b -> everything.add(Hex.of(b)));
                for (int i = 0; i < r.messages.size(); i++) {
                    everything.add(MessageFields.of(r.messages.get(i)).toString());
                }
            }
            everything.add(c.toString());
            everything.add(s.toString());
            everything.add(c.negotiated().map(Object::toString).orElse(""));
            everything.add(c.receivedSessions().toString());
            for (byte[] secret : secrets) {
                String hex = Hex.of(secret);
                assertThat(everything).noneMatch(e -> e.contains(hex));
            }
        }
    }

    @Test
    void aFailureIsAStateChangeToClosedFromTheStateThatFailed() {
        Recorder events = new Recorder();
        TlsEngine c =
                TlsEngine.client(
                        TlsConfig.builder()
                                .listener(events)
                                .certificateValidator(
                                        new PkixCertificateValidator(
                                                TrustStore.of(new TestPki("other").root())))
                                .build());
        Pump.handshake(
                c,
                TlsEngine.server(
                        TlsConfig.builder()
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build()));
        assertThat(events.events)
                .containsSubsequence(
                        "RECEIVED certificate",
                        "SENT alert unknown_ca",
                        "state ExpectCertificateOrCertificateRequest -> Closed");
    }

    @Test
    void nssKeyLogFileIsWrittenOnlyWhenConfigured(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        TlsEngine c =
                TlsEngine.client(
                        TlsConfig.builder()
                                .keyLog(KeyLog.toFile(file))
                                .certificateValidator(
                                        io.tlsuite.protocol.cert.CertificateValidator
                                                .insecureAcceptAll())
                                .build());
        TlsEngine s =
                TlsEngine.server(
                        TlsConfig.builder()
                                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                                .build());
        Pump.handshake(c, s);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines).allMatch(l -> l.matches("[A-Z_0]+ [0-9a-f]{64} [0-9a-f]{64}"));
        assertThat(TlsConfig.builder().build().keyLog()).isNull();
    }
}
