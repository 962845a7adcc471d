package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.AlertLevel;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeCodec;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.Tls12RecordProtection;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.2 failures and their alerts: tampered Finished both ways (a man in the middle that knows
 * the keys re-encrypts), RSA pre-master secrets of a wrong version or padding (one indistinct
 * path), change_cipher_spec out of place, renegotiation by the server.
 */
class Tls12NegativeTest {
    static final Tls12CipherSuite SUITE = Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;

    /** Keys of a connection, as a man in the middle with the key log would have them. */
    static final class Keys implements TlsListener {
        byte[] master;
        byte[] clientRandom;
        byte[] serverRandom;

        Tls12KeySchedule.KeyBlock block(Tls12CipherSuite suite) {
            return Tls12KeySchedule.keyBlock(suite, master, clientRandom, serverRandom);
        }

        @Override
        public void handshakeMessage(Direction d, HandshakeMessage m, byte[] raw) {
            if (m instanceof HandshakeMessage.ServerHello sh) {
                serverRandom = sh.random();
            }
        }
    }

    static TlsConfig.Builder client(Keys keys) {
        return TestPki.Shared.trustingClient()
                .versions(ProtocolVersion.TLS_1_2)
                .tls12CipherSuites(SUITE)
                .keyLog(
                        (label, random, secret) -> {
                            keys.master = secret.clone();
                            keys.clientRandom = random.clone();
                        })
                .listener(keys);
    }

    /** Flips a bit of the verify_data inside the last (protected) record of a flight. */
    static byte[] tamperLastRecord(byte[] flight, byte[] key, byte[] iv, long seq)
            throws Exception {
        List<Record> records = new ArrayList<>(Records.split(flight));
        Record last = records.get(records.size() - 1);
        Tls12RecordProtection open = new Tls12RecordProtection(SUITE, key, iv);
        open.setSequence(seq);
        byte[] finished = open.open(last).fragment();
        assertThat(finished[0]).isEqualTo((byte) 20);
        finished[finished.length - 1] ^= 1;
        Tls12RecordProtection seal = new Tls12RecordProtection(SUITE, key, iv);
        seal.setSequence(seq);
        byte[] resealed = seal.seal(ContentType.HANDSHAKE, finished, 0, finished.length);
        records.set(records.size() - 1, Records.split(resealed).get(0));
        return Records.join(records);
    }

    @Test
    void aTamperedClientFinishedIsDecryptError() throws Exception {
        Keys keys = new Keys();
        TlsEngine client = TlsEngine.client(client(keys).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        byte[] flight2 = server.feed(client.start().outbound()).outbound();
        byte[] flight3 = client.feed(flight2).outbound();
        Tls12KeySchedule.KeyBlock kb = keys.block(SUITE);
        EngineOutput out =
                server.feed(tamperLastRecord(flight3, kb.clientWriteKey(), kb.clientWriteIv(), 0));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(server.failure()).contains(AlertDescription.DECRYPT_ERROR);
        // The client reads the (protected) alert and fails with it too.
        client.feed(out.outbound());
        assertThat(client.failure()).contains(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void aTamperedServerFinishedIsDecryptError() throws Exception {
        Keys keys = new Keys();
        TlsEngine client = TlsEngine.client(client(keys).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        byte[] flight2 = server.feed(client.start().outbound()).outbound();
        byte[] flight4 = server.feed(client.feed(flight2).outbound()).outbound();
        assertThat(server.isHandshakeComplete()).isTrue();
        Tls12KeySchedule.KeyBlock kb = keys.block(SUITE);
        EngineOutput out =
                client.feed(tamperLastRecord(flight4, kb.serverWriteKey(), kb.serverWriteIv(), 0));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(client.isHandshakeComplete()).isFalse();
    }

    @Test
    void aFinishedWithoutChangeCipherSpecIsUnexpectedMessage() {
        Keys keys = new Keys();
        TlsEngine client = TlsEngine.client(client(keys).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        byte[] flight3 = client.feed(server.feed(client.start().outbound()).outbound()).outbound();
        List<Record> records = new ArrayList<>(Records.split(flight3));
        records.removeIf(r -> r.type() == ContentType.CHANGE_CIPHER_SPEC);
        EngineOutput out = server.feed(Records.join(records));
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecBeforeTheKeyExchangeIsUnexpectedMessage() {
        TlsEngine client = TlsEngine.client(client(new Keys()).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        server.feed(client.start().outbound());
        EngineOutput out = server.feed(new byte[] {20, 3, 3, 0, 1, 1});
        assertThat(out.alertSent().orElseThrow().description())
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(server.stateName()).isEqualTo("Closed");
    }

    @Test
    void aHelloRequestAfterConnectGetsANoRenegotiationWarningFromOurClient() throws Exception {
        Keys keys = new Keys();
        TlsEngine client = TlsEngine.client(client(keys).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        byte[] flight2 = server.feed(client.start().outbound()).outbound();
        client.feed(server.feed(client.feed(flight2).outbound()).outbound());
        assertThat(client.isHandshakeComplete()).isTrue();
        Tls12KeySchedule.KeyBlock kb = keys.block(SUITE);
        Tls12RecordProtection serverWrite =
                new Tls12RecordProtection(SUITE, kb.serverWriteKey(), kb.serverWriteIv());
        serverWrite.setSequence(1); // the server's Finished was record 0
        byte[] helloRequest = {0, 0, 0, 0};
        EngineOutput out = client.feed(serverWrite.seal(ContentType.HANDSHAKE, helloRequest, 0, 4));
        assertThat(out.alertSent().orElseThrow())
                .isEqualTo(new Alert(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION));
        assertThat(client.isClosed()).isFalse();
        // The server reads the warning and carries on; data still flows.
        server.feed(out.outbound());
        assertThat(server.failure()).isEmpty();
        assertThat(server.feed(client.write(new byte[] {7}).outbound()).applicationBytes())
                .containsExactly(7);
    }

    @Test
    void aHelloRequestDuringTheClientHandshakeIsIgnored() {
        TlsEngine client = TlsEngine.client(client(new Keys()).build());
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        byte[] flight2 = server.feed(client.start().outbound()).outbound();
        byte[] helloRequest = {22, 3, 3, 0, 4, 0, 0, 0, 0};
        byte[] withHelloRequest = new byte[flight2.length + helloRequest.length];
        // After the server's flight, while the client waits for change_cipher_spec.
        System.arraycopy(flight2, 0, withHelloRequest, 0, flight2.length);
        System.arraycopy(helloRequest, 0, withHelloRequest, flight2.length, helloRequest.length);
        byte[] flight3 = client.feed(withHelloRequest).outbound();
        client.feed(server.feed(flight3).outbound());
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(server.isHandshakeComplete()).isTrue();
    }

    /**
     * An RSA key transport client driven by hand: it picks the pre-master secret, so the test can
     * send one of a wrong version or with broken padding, and compute the Finished itself.
     */
    static final class HandRsaClient {
        final Tls12CipherSuite suite = Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        final byte[] clientRandom = new byte[32];
        byte[] serverRandom;

        byte[] clientHello() {
            new SecureRandom().nextBytes(clientRandom);
            byte[] ch =
                    HandshakeCodec.encode(
                            new HandshakeMessage.ClientHello(
                                    0x0303,
                                    clientRandom,
                                    new byte[0],
                                    List.of(suite.code()),
                                    new byte[] {0},
                                    List.of(
                                            new Extension.SignatureAlgorithms(List.of(0x0804)),
                                            new Extension.Unknown(23, new byte[0]),
                                            new Extension.Unknown(0xff01, new byte[] {0}))));
            transcript.writeBytes(ch);
            return new Record(ContentType.HANDSHAKE, 0x0303, ch).encode();
        }

        void readServerFlight(byte[] flight) throws Exception {
            for (Record r : Records.split(flight)) {
                byte[] data = r.fragment();
                for (int off = 0; off < data.length; ) {
                    int len =
                            ((data[off + 1] & 0xff) << 16)
                                    | ((data[off + 2] & 0xff) << 8)
                                    | (data[off + 3] & 0xff);
                    byte[] msg = Arrays.copyOfRange(data, off, off + 4 + len);
                    if (msg[0] == 2) {
                        serverRandom = Arrays.copyOfRange(msg, 6, 38);
                    }
                    transcript.writeBytes(msg);
                    off += 4 + len;
                }
            }
        }

        /** ClientKeyExchange, change_cipher_spec and Finished for this encrypted pre-master. */
        byte[] finish(byte[] encryptedPreMaster, byte[] preMasterWeUse) throws Exception {
            byte[] cke =
                    Tls12HandshakeCodec.encode(
                            new Tls12HandshakeMessage.ClientKeyExchangeRsa(encryptedPreMaster));
            transcript.writeBytes(cke);
            byte[] sessionHash =
                    MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray());
            byte[] master =
                    Tls12KeySchedule.extendedMasterSecret(
                            suite.hash(), preMasterWeUse, sessionHash);
            byte[] verify =
                    Tls12KeySchedule.verifyData(
                            suite.hash(),
                            master,
                            true,
                            MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray()));
            byte[] finished = HandshakeCodec.encode(new HandshakeMessage.Finished(verify));
            Tls12KeySchedule.KeyBlock kb =
                    Tls12KeySchedule.keyBlock(suite, master, clientRandom, serverRandom);
            Tls12RecordProtection write =
                    new Tls12RecordProtection(suite, kb.clientWriteKey(), kb.clientWriteIv());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new Record(ContentType.HANDSHAKE, 0x0303, cke).encode());
            out.writeBytes(new byte[] {20, 3, 3, 0, 1, 1});
            out.writeBytes(write.seal(ContentType.HANDSHAKE, finished, 0, finished.length));
            return out.toByteArray();
        }
    }

    static byte[] rsaEncrypt(byte[] m) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, TestPki.Shared.RSA.leaf().getPublicKey());
        return c.doFinal(m);
    }

    static byte[] preMaster(int version) {
        byte[] pm = new byte[48];
        new SecureRandom().nextBytes(pm);
        pm[0] = (byte) (version >>> 8);
        pm[1] = (byte) version;
        return pm;
    }

    /** Runs the hand client up to its Finished; returns what the server said to the last flight. */
    static EngineOutput rsaHandshake(byte[] encrypted, byte[] preMasterWeUse) throws Exception {
        TlsEngine server = TlsEngine.server(Tls12ServerInteropTest.server().build());
        HandRsaClient c = new HandRsaClient();
        c.readServerFlight(server.feed(c.clientHello()).outbound());
        byte[] flight = c.finish(encrypted, preMasterWeUse);
        // The ClientKeyExchange alone never provokes anything, whatever it holds.
        int ckeLength = Records.split(flight).get(0).encode().length;
        EngineOutput afterCke = server.feed(Arrays.copyOf(flight, ckeLength));
        assertThat(afterCke.alertSent()).isEmpty();
        assertThat(afterCke.outbound()).isEmpty();
        return server.feed(Arrays.copyOfRange(flight, ckeLength, flight.length));
    }

    @Test
    void rsaKeyTransportWithTheRightVersionCompletes() throws Exception {
        byte[] pm = preMaster(0x0303);
        EngineOutput out = rsaHandshake(rsaEncrypt(pm), pm);
        assertThat(out.alertSent()).isEmpty();
        assertThat(out.handshakeComplete()).isTrue();
    }

    @Test
    void rsaPreMasterOfAWrongVersionFailsLikeAnyOtherRsaFailureWithBadRecordMac() throws Exception {
        byte[] wrongVersion = preMaster(0x0302);
        EngineOutput version = rsaHandshake(rsaEncrypt(wrongVersion), wrongVersion);
        byte[] pm = preMaster(0x0303);
        byte[] badPadding = rsaEncrypt(pm);
        badPadding[5] ^= 0x40;
        EngineOutput padding = rsaHandshake(badPadding, pm);
        byte[] shortSecret = Arrays.copyOf(pm, 47);
        EngineOutput length = rsaHandshake(rsaEncrypt(shortSecret), pm);
        for (EngineOutput out : List.of(version, padding, length)) {
            // Same alert, same place (the client's protected Finished), same size on the wire.
            assertThat(out.alertSent().orElseThrow().description())
                    .isEqualTo(AlertDescription.BAD_RECORD_MAC);
            assertThat(out.outbound()).hasSize(version.outbound().length);
        }
    }
}
