package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.RevocationChecker;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.KeyLog;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordProtection;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import io.tlsuite.protocol.testing.TestPki.Identity;
import io.tlsuite.protocol.testing.TestPki.KeyType;
import io.tlsuite.protocol.testing.TestPki.LeafSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** Every failure ends in the right alert, sent to the peer, and a closed engine. */
class NegativeTest {
    static final TestPki PKI = TestPki.Shared.PKI;

    static TlsConfig.Builder client() {
        return TlsConfig.builder()
                .serverName("localhost")
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .certificateValidator(new PkixCertificateValidator(TrustStore.of(PKI.root())));
    }

    static TlsConfig.Builder server(Identity id) {
        return TlsConfig.builder().certificate(id.chain(), id.key());
    }

    /** Runs a handshake whose server certificate the client must refuse with {@code expected}. */
    private static void clientRefuses(
            TlsConfig clientCfg, Identity serverId, AlertDescription expected) {
        TlsEngine c = TlsEngine.client(clientCfg);
        TlsEngine s = TlsEngine.server(server(serverId).build());
        Pump.handshake(c, s);
        assertThat(c.failure()).contains(expected);
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isHandshakeComplete()).isFalse();
        // The alert reached the server (encrypted under the client handshake key).
        assertThat(s.failure()).contains(expected);
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void unknownCa() {
        Identity foreign = new TestPki("someone else").issue(KeyType.EC_P256);
        clientRefuses(client().build(), foreign, AlertDescription.UNKNOWN_CA);
    }

    @Test
    void expiredCertificate() {
        Instant now = Instant.now();
        Identity expired =
                PKI.issue(
                        LeafSpec.of(KeyType.EC_P256)
                                .withValidity(
                                        now.minus(Duration.ofDays(10)),
                                        now.minus(Duration.ofDays(1))));
        clientRefuses(client().build(), expired, AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    void notYetValidCertificate() {
        Instant now = Instant.now();
        Identity future =
                PKI.issue(
                        LeafSpec.of(KeyType.EC_P256)
                                .withValidity(
                                        now.plus(Duration.ofDays(1)),
                                        now.plus(Duration.ofDays(10))));
        clientRefuses(client().build(), future, AlertDescription.CERTIFICATE_EXPIRED);
    }

    @Test
    void wrongHostName() {
        clientRefuses(
                client().serverName("example.org").build(),
                TestPki.Shared.EC,
                AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void certificateWithoutServerAuthUsage() {
        Identity clientOnly = PKI.issue(LeafSpec.of(KeyType.EC_P256).withUsage(false, true, true));
        clientRefuses(client().build(), clientOnly, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void certificateWithoutDigitalSignatureKeyUsage() {
        Identity noSig = PKI.issue(LeafSpec.of(KeyType.EC_P256).withUsage(true, true, false));
        clientRefuses(client().build(), noSig, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void revokedCertificate() {
        Identity revoked = PKI.issue(KeyType.EC_P256);
        RevocationChecker checker =
                (cert, issuer) ->
                        cert.getSerialNumber().equals(revoked.leaf().getSerialNumber())
                                ? RevocationChecker.Status.REVOKED
                                : RevocationChecker.Status.GOOD;
        TlsConfig cfg =
                client().certificateValidator(
                                new PkixCertificateValidator(
                                        TrustStore.of(PKI.root()),
                                        java.time.Clock.systemUTC(),
                                        checker,
                                        false))
                        .build();
        clientRefuses(cfg, revoked, AlertDescription.CERTIFICATE_REVOKED);
        // The same checker passes a certificate that is not revoked.
        TlsEngine c = TlsEngine.client(cfg);
        Pump.handshake(c, TlsEngine.server(server(TestPki.Shared.EC).build()));
        assertThat(c.isHandshakeComplete()).isTrue();
    }

    @Test
    void serverRefusesUntrustedClientCertificate() {
        Identity foreignClient =
                new TestPki("other").issue(LeafSpec.of(KeyType.EC_P256).withName("client.test"));
        TlsEngine c =
                TlsEngine.client(
                        client().certificate(foreignClient.chain(), foreignClient.key()).build());
        TlsEngine s =
                TlsEngine.server(
                        server(TestPki.Shared.EC)
                                .clientAuth(ClientAuth.REQUIRED)
                                .certificateValidator(
                                        new PkixCertificateValidator(TrustStore.of(PKI.root())))
                                .build());
        Pump.handshake(c, s);
        assertThat(s.failure()).contains(AlertDescription.UNKNOWN_CA);
        assertThat(c.failure()).contains(AlertDescription.UNKNOWN_CA);
    }

    /** Captures key log lines so the test can act as a man in the middle that knows the keys. */
    static final class CapturedKeys implements KeyLog {
        final Map<String, byte[]> secrets = new HashMap<>();

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            secrets.put(label, secret.clone());
        }
    }

    @Test
    void tamperedClientFinishedIsDecryptError() throws Exception {
        CapturedKeys keys = new CapturedKeys();
        TlsEngine c = TlsEngine.client(client().keyLog(keys).build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] serverFlight = s.feed(c.start().outbound()).outbound();
        byte[] clientFlight = c.feed(serverFlight).outbound();
        // Client flight: CCS, then Finished under the client handshake key (sequence 0).
        List<Record> records = Records.split(clientFlight);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).type()).isEqualTo(ContentType.CHANGE_CIPHER_SPEC);
        KeySchedule ks = new KeySchedule(CipherSuite.TLS_AES_128_GCM_SHA256, null);
        byte[] secret = keys.secrets.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET");
        Record inner =
                new RecordProtection(
                                CipherSuite.TLS_AES_128_GCM_SHA256.aead(), ks.trafficKeys(secret))
                        .open(records.get(1));
        byte[] finished = inner.fragment();
        assertThat(finished[0]).isEqualTo((byte) 20);
        finished[finished.length - 1] ^= 1;
        byte[] resealed =
                new RecordProtection(
                                CipherSuite.TLS_AES_128_GCM_SHA256.aead(), ks.trafficKeys(secret))
                        .seal(ContentType.HANDSHAKE, finished, 0, finished.length, 0);
        EngineOutput out = s.feed(Pump.concat(records.get(0).encode(), resealed));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(s.failure()).contains(AlertDescription.DECRYPT_ERROR);
        assertThat(s.isClosed()).isTrue();
        assertThat(c.feed(out.outbound()).alertReceived().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void tamperedServerFinishedIsDecryptError() throws Exception {
        CapturedKeys keys = new CapturedKeys();
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).keyLog(keys).build());
        List<Record> records = Records.split(s.feed(c.start().outbound()).outbound());
        // ServerHello, CCS, then one record with EE..Finished (coalesced) under the server
        // handshake key.
        assertThat(records).hasSize(3);
        KeySchedule ks = new KeySchedule(CipherSuite.TLS_AES_128_GCM_SHA256, null);
        byte[] secret = keys.secrets.get("SERVER_HANDSHAKE_TRAFFIC_SECRET");
        byte[] flight =
                new RecordProtection(
                                CipherSuite.TLS_AES_128_GCM_SHA256.aead(), ks.trafficKeys(secret))
                        .open(records.get(2))
                        .fragment();
        flight[flight.length - 1] ^= 1; // last byte of Finished.verify_data
        records.set(
                2,
                Records.split(
                                new RecordProtection(
                                                CipherSuite.TLS_AES_128_GCM_SHA256.aead(),
                                                ks.trafficKeys(secret))
                                        .seal(ContentType.HANDSHAKE, flight, 0, flight.length, 0))
                        .get(0));
        EngineOutput out = c.feed(Records.join(records));
        assertThat(c.failure()).contains(AlertDescription.DECRYPT_ERROR);
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void tamperedHandshakeRecordIsBadRecordMac() {
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] flight = s.feed(c.start().outbound()).outbound();
        flight[flight.length - 20] ^= 0x40;
        EngineOutput out = c.feed(flight);
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void tamperedApplicationRecordIsBadRecordMacAndEngineStaysClosed() {
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(c, s);
        byte[] rec = c.write("secret message".getBytes(StandardCharsets.UTF_8)).outbound();
        rec[7] ^= 1;
        EngineOutput out = s.feed(rec);
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(out.applicationData()).isEmpty();
        assertThat(s.isClosed()).isTrue();
        assertThat(s.feed(c.write(new byte[] {1}).outbound()).outbound()).isEmpty();
        assertThat(c.feed(out.outbound()).alertReceived().orElseThrow().description())
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void replayedRecordIsBadRecordMac() {
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(c, s);
        byte[] rec = c.write(new byte[] {1, 2, 3}).outbound();
        assertThat(s.feed(rec).applicationBytes()).containsExactly(1, 2, 3);
        assertThat(s.feed(rec).alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void unexpectedHandshakeMessageIsUnexpectedMessage() {
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] finished = HandshakeCodec.encode(new HandshakeMessage.Finished(new byte[32]));
        EngineOutput out = s.feed(new Record(ContentType.HANDSHAKE, 0x0301, finished).encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        // The alert goes out in the clear, since no keys exist yet.
        assertThat(out.outbound()).isEqualTo(Hex.parse("1503030002020a"));
    }

    @Test
    void clientHelloToClientIsUnexpectedMessage() {
        TlsEngine c1 = TlsEngine.client(client().build());
        TlsEngine c2 = TlsEngine.client(client().build());
        c2.start();
        assertThat(c2.feed(c1.start().outbound()).alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataBeforeHandshakeIsUnexpectedMessage() {
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        EngineOutput out =
                s.feed(new Record(ContentType.APPLICATION_DATA, 0x0303, new byte[20]).encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void oversizedRecordIsRecordOverflow() {
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        EngineOutput out = s.feed(Hex.parse("1603034101"));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
        TlsEngine s2 = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] plain = new byte[Record.MAX_PLAINTEXT + 1];
        EngineOutput out2 = s2.feed(new Record(ContentType.HANDSHAKE, 0x0303, plain).encode());
        assertThat(out2.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void truncatedClientHelloIsDecodeError() {
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        EngineOutput out = s.feed(Hex.parse("16030100080100000403030000"));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECODE_ERROR);
    }

    private static HandshakeMessage.ClientHello legacyHello(int version, List<Extension> ext) {
        return new HandshakeMessage.ClientHello(
                version, new byte[32], new byte[0], List.of(0xc02f, 0x002f), new byte[] {0}, ext);
    }

    @Test
    void olderProtocolVersionsAreRefused() {
        for (int version : new int[] {0x0300, 0x0301, 0x0302}) {
            TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
            byte[] ch = HandshakeCodec.encode(legacyHello(version, List.of()));
            EngineOutput out = s.feed(new Record(ContentType.HANDSHAKE, 0x0301, ch).encode());
            assertThat(out.alertSent().orElseThrow().description())
                    .as("legacy_version 0x%04x", version)
                    .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        }
        // TLS 1.2 is refused the same way by a server configured for TLS 1.3 only.
        for (int version : new int[] {0x0300, 0x0301, 0x0302, 0x0303}) {
            TlsEngine s = TlsEngine.server(tls13Only().build());
            byte[] ch = HandshakeCodec.encode(legacyHello(version, List.of()));
            EngineOutput out = s.feed(new Record(ContentType.HANDSHAKE, 0x0301, ch).encode());
            assertThat(out.alertSent().orElseThrow().description())
                    .as("legacy_version 0x%04x", version)
                    .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        }
        // supported_versions that lists only TLS 1.1 and 1.0, to a server with both versions.
        TlsEngine both = TlsEngine.server(server(TestPki.Shared.EC).build());
        byte[] old =
                HandshakeCodec.encode(
                        legacyHello(
                                0x0303,
                                List.of(
                                        new Extension.ClientSupportedVersions(
                                                List.of(0x0302, 0x0301)))));
        assertThat(
                        both.feed(new Record(ContentType.HANDSHAKE, 0x0301, old).encode())
                                .alertSent()
                                .orElseThrow()
                                .description())
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        // supported_versions that lists only TLS 1.2 and 1.1, to a TLS 1.3-only server.
        TlsEngine s = TlsEngine.server(tls13Only().build());
        byte[] ch =
                HandshakeCodec.encode(
                        legacyHello(
                                0x0303,
                                List.of(
                                        new Extension.ClientSupportedVersions(
                                                List.of(0x0303, 0x0302)))));
        assertThat(
                        s.feed(new Record(ContentType.HANDSHAKE, 0x0301, ch).encode())
                                .alertSent()
                                .orElseThrow()
                                .description())
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
    }

    private static TlsConfig.Builder tls13Only() {
        return server(TestPki.Shared.EC).versions(ProtocolVersion.TLS_1_3);
    }

    @Test
    void jdkClientOfferingOnlyTls12IsRefusedWithProtocolVersionByATls13OnlyServer()
            throws Exception {
        SSLEngine e = JdkPeer.context(null, PKI.root()).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        JdkPeer jdk = new JdkPeer(e);
        TlsEngine s = TlsEngine.server(tls13Only().build());
        EngineOutput out = s.feed(jdk.step(new byte[0]));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        jdk.step(out.outbound());
        assertThat(jdk.failure()).isNotNull();
        assertThat(jdk.failure().getMessage()).containsIgnoringCase("protocol_version");
    }

    private static EngineOutput feedServerHello(TlsEngine c, byte[] random, List<Extension> ext)
            throws Exception {
        return feedServerHello(c, random, 0x1301, ext);
    }

    private static EngineOutput feedServerHello(
            TlsEngine c, byte[] random, int suite, List<Extension> ext) throws Exception {
        byte[] chRecord = c.start().outbound();
        byte[] chBody = Arrays.copyOfRange(chRecord, 9, chRecord.length);
        var ch = (HandshakeMessage.ClientHello) HandshakeCodec.decode(1, chBody);
        var sh =
                new HandshakeMessage.ServerHello(
                        0x0303,
                        random,
                        // A TLS 1.2 server starts a new session: its own (here empty) session id.
                        suite < 0x1400 ? ch.legacySessionId() : new byte[0],
                        suite,
                        0,
                        ext);
        return c.feed(
                new Record(ContentType.HANDSHAKE, 0x0303, HandshakeCodec.encode(sh)).encode());
    }

    @Test
    void downgradeSentinelIsIllegalParameter() throws Exception {
        for (String sentinel : new String[] {"444f574e47524401", "444f574e47524400"}) {
            byte[] random = new byte[32];
            System.arraycopy(Hex.parse(sentinel), 0, random, 24, 8);
            TlsEngine c = TlsEngine.client(client().build());
            EngineOutput out = feedServerHello(c, random, List.of());
            assertThat(out.alertSent().orElseThrow().description())
                    .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** A well-formed TLS 1.2 ServerHello's extensions: RFC 5746 and RFC 7627. */
    static final List<Extension> TLS12_SERVER_EXTENSIONS =
            List.of(
                    new Extension.Unknown(0xff01, new byte[] {0}),
                    new Extension.Unknown(23, new byte[0]));

    @Test
    void tls13CapableClientAbortsOnTheSentinelOfAProperTls12ServerHello() throws Exception {
        byte[] random = new byte[32];
        System.arraycopy(Hex.parse("444f574e47524401"), 0, random, 24, 8);
        TlsEngine c = TlsEngine.client(client().build());
        EngineOutput out = feedServerHello(c, random, 0xc02b, TLS12_SERVER_EXTENSIONS);
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        // Without the sentinel the same ServerHello is accepted: TLS 1.2 goes on.
        TlsEngine ok = TlsEngine.client(client().build());
        assertThat(feedServerHello(ok, new byte[32], 0xc02b, TLS12_SERVER_EXTENSIONS).alertSent())
                .isEmpty();
        assertThat(ok.stateName()).isEqualTo("ExpectServerCertificate");
        // A TLS 1.2-only client does not look for it (RFC 8446 §4.1.3 binds 1.3 clients).
        TlsEngine only12 = TlsEngine.client(client().versions(ProtocolVersion.TLS_1_2).build());
        assertThat(feedServerHello(only12, random, 0xc02b, TLS12_SERVER_EXTENSIONS).alertSent())
                .isEmpty();
    }

    @Test
    void tls12ServerHelloWithoutExtendedMasterSecretIsHandshakeFailure() throws Exception {
        TlsEngine c = TlsEngine.client(client().build());
        EngineOutput out =
                feedServerHello(
                        c,
                        new byte[32],
                        0xc02b,
                        List.of(new Extension.Unknown(0xff01, new byte[] {0})));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void serverChoosingTls12IsProtocolVersionForATls13OnlyClient() throws Exception {
        TlsEngine c = TlsEngine.client(client().versions(ProtocolVersion.TLS_1_3).build());
        EngineOutput out = feedServerHello(c, new byte[32], List.of());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void serverHelloWithUnofferedGroupIsIllegalParameter() throws Exception {
        TlsEngine c = TlsEngine.client(client().build());
        EngineOutput out =
                feedServerHello(
                        c,
                        new byte[32],
                        List.of(
                                new Extension.ServerSupportedVersion(0x0304),
                                new Extension.ServerKeyShare(
                                        new Extension.KeyShareEntry(0x0017, new byte[65]))));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void noCommonCipherSuiteIsHandshakeFailure() {
        TlsEngine c =
                TlsEngine.client(client().cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384).build());
        TlsEngine s =
                TlsEngine.server(
                        server(TestPki.Shared.EC)
                                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                                .build());
        Pump.handshake(c, s);
        assertThat(s.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(c.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void handshakeMessagesFragmentedAcrossRecordsAndFedByteByByte() {
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.RSA).build());
        // The ClientHello split into three records of a few bytes each.
        byte[] chRecord = c.start().outbound();
        byte[] ch = Arrays.copyOfRange(chRecord, 5, chRecord.length);
        List<Record> parts = new ArrayList<>();
        parts.add(new Record(ContentType.HANDSHAKE, 0x0301, Arrays.copyOfRange(ch, 0, 3)));
        parts.add(new Record(ContentType.HANDSHAKE, 0x0301, Arrays.copyOfRange(ch, 3, 50)));
        parts.add(new Record(ContentType.HANDSHAKE, 0x0301, Arrays.copyOfRange(ch, 50, ch.length)));
        byte[] flight = s.feed(Records.join(parts)).outbound();
        assertThat(s.failure()).isEmpty();
        // The server's flight fed one byte at a time.
        java.io.ByteArrayOutputStream toServer = new java.io.ByteArrayOutputStream();
        for (byte b : flight) {
            toServer.writeBytes(c.feed(new byte[] {b}).outbound());
        }
        assertThat(c.isHandshakeComplete()).isTrue();
        s.feed(toServer.toByteArray());
        assertThat(s.isHandshakeComplete()).isTrue();
    }

    @Test
    void handshakeMessageSpanningAKeyChangeIsUnexpectedMessage() throws Exception {
        TlsEngine c = TlsEngine.client(client().build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        List<Record> records = Records.split(s.feed(c.start().outbound()).outbound());
        // Append a plaintext EncryptedExtensions to the ServerHello record: it would span the key
        // change.
        byte[] sh = records.get(0).fragment();
        byte[] ee = HandshakeCodec.encode(new HandshakeMessage.EncryptedExtensions(List.of()));
        EngineOutput out =
                c.feed(new Record(ContentType.HANDSHAKE, 0x0303, Pump.concat(sh, ee)).encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void tls13ClientHelloWithLegacyVersionBelowTls12IsProtocolVersion() {
        for (int version : new int[] {0x0300, 0x0200, 0x0302}) {
            TlsEngine c = TlsEngine.client(client().build());
            TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
            List<Record> records = Records.split(c.start().outbound());
            byte[] ch = records.get(0).fragment();
            // legacy_version sits right after the 4-byte handshake header; supported_versions
            // still offers TLS 1.3.
            ch[4] = (byte) (version >>> 8);
            ch[5] = (byte) version;
            EngineOutput out = s.feed(new Record(ContentType.HANDSHAKE, 0x0301, ch).encode());
            assertThat(out.alertSent().orElseThrow().description())
                    .as("legacy_version 0x%04x", version)
                    .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        }
    }

    @Test
    void applicationDataBetweenFragmentsOfAKeyUpdateIsUnexpectedMessage() throws Exception {
        CapturedKeys keys = new CapturedKeys();
        TlsEngine c = TlsEngine.client(client().keyLog(keys).build());
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(c, s);
        assertThat(s.isHandshakeComplete()).isTrue();
        KeySchedule ks = new KeySchedule(CipherSuite.TLS_AES_128_GCM_SHA256, null);
        RecordProtection clientWrite =
                new RecordProtection(
                        CipherSuite.TLS_AES_128_GCM_SHA256.aead(),
                        ks.trafficKeys(keys.secrets.get("CLIENT_TRAFFIC_SECRET_0")));
        byte[] keyUpdate = HandshakeCodec.encode(new HandshakeMessage.KeyUpdate(false));
        byte[] records =
                Pump.concat(
                        Pump.concat(
                                clientWrite.seal(ContentType.HANDSHAKE, keyUpdate, 0, 2, 0),
                                clientWrite.seal(
                                        ContentType.APPLICATION_DATA, new byte[] {1, 2}, 0, 2, 0)),
                        clientWrite.seal(
                                ContentType.HANDSHAKE, keyUpdate, 2, keyUpdate.length - 2, 0));
        EngineOutput out = s.feed(records);
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(out.applicationData()).isEmpty();
        // The same fragments without the interleaved record are a valid KeyUpdate.
        TlsEngine c2 = TlsEngine.client(client().keyLog(keys).build());
        TlsEngine s2 = TlsEngine.server(server(TestPki.Shared.EC).build());
        Pump.handshake(c2, s2);
        RecordProtection clientWrite2 =
                new RecordProtection(
                        CipherSuite.TLS_AES_128_GCM_SHA256.aead(),
                        ks.trafficKeys(keys.secrets.get("CLIENT_TRAFFIC_SECRET_0")));
        EngineOutput ok =
                s2.feed(
                        Pump.concat(
                                clientWrite2.seal(ContentType.HANDSHAKE, keyUpdate, 0, 2, 0),
                                clientWrite2.seal(
                                        ContentType.HANDSHAKE,
                                        keyUpdate,
                                        2,
                                        keyUpdate.length - 2,
                                        0)));
        assertThat(ok.alertSent()).isEmpty();
        assertThat(s2.isClosed()).isFalse();
    }

    @Test
    void zeroLengthAlertRecordIsUnexpectedMessage() {
        TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
        TlsEngine c = TlsEngine.client(client().build());
        s.feed(c.start().outbound());
        EngineOutput out = s.feed(new Record(ContentType.ALERT, 0x0303, new byte[0]).encode());
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void engineNeverThrowsOnGarbage() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) (20 + r.nextInt(4));
            }
            if (junk.length > 2) {
                junk[1] = 3;
            }
            TlsEngine s = TlsEngine.server(server(TestPki.Shared.EC).build());
            EngineOutput out = s.feed(junk);
            if (out.closed()) {
                assertThat(s.failure()).isPresent();
            }
        }
    }
}
