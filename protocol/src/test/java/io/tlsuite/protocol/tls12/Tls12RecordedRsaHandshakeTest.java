package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.handshake.Tls12Handshakes;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeCodec;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.Tls12RecordProtection;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known answers from a recorded TLS 1.2 RSA key transport handshake between two JDK SSLEngines
 * (TLS_RSA_WITH_AES_128_GCM_SHA256, extended master secret) whose server key is in the recording:
 * with only that key and the wire bytes, our code recomputes the pre-master secret, the extended
 * master secret, the key block, both Finished messages and opens the application data. Recorded by
 * {@link #main} ({@code src/test/resources/tls12/jdk-rsa-handshake.txt}).
 */
class Tls12RecordedRsaHandshakeTest {
    static final Tls12CipherSuite SUITE = Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    static Map<String, byte[]> rec;

    @BeforeAll
    static void load() throws Exception {
        rec = new HashMap<>();
        try (InputStream in =
                        Tls12RecordedRsaHandshakeTest.class.getResourceAsStream(
                                "/tls12/jdk-rsa-handshake.txt");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int eq = line.indexOf('=');
                    rec.put(
                            line.substring(0, eq).strip(),
                            Hex.parse(line.substring(eq + 1).strip()));
                }
            }
        }
    }

    /** The handshake messages in the plaintext records of a flight, each with its header. */
    static List<byte[]> messages(byte[] flight) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Record r : Records.split(flight)) {
            if (r.type() == ContentType.CHANGE_CIPHER_SPEC) {
                break;
            }
            data.writeBytes(r.fragment());
        }
        byte[] d = data.toByteArray();
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < d.length; ) {
            int len =
                    ((d[off + 1] & 0xff) << 16) | ((d[off + 2] & 0xff) << 8) | (d[off + 3] & 0xff);
            out.add(Arrays.copyOfRange(d, off, off + 4 + len));
            off += 4 + len;
        }
        return out;
    }

    static Record lastRecord(byte[] flight) {
        List<Record> rs = Records.split(flight);
        return rs.get(rs.size() - 1);
    }

    static byte[] sha256(ByteArrayOutputStream transcript) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray());
    }

    @Test
    void rsaRecordedHandshakeRecomputedFromTheServerKey() throws Exception {
        PrivateKey key =
                KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(rec.get("server_key_pkcs8")));
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        List<byte[]> flight1 = messages(rec.get("client_flight1"));
        List<byte[]> flight2 = messages(rec.get("server_flight2"));
        List<byte[]> flight3 = messages(rec.get("client_flight3"));
        flight1.forEach(transcript::writeBytes);
        flight2.forEach(transcript::writeBytes);
        var ch =
                (HandshakeMessage.ClientHello)
                        HandshakeCodec.decode(
                                1, Arrays.copyOfRange(flight1.get(0), 4, flight1.get(0).length));
        var sh =
                (HandshakeMessage.ServerHello)
                        HandshakeCodec.decode(
                                2, Arrays.copyOfRange(flight2.get(0), 4, flight2.get(0).length));
        assertThat(sh.cipherSuite()).isEqualTo(SUITE.code());
        assertThat(Tls12Handshakes.extension(sh.extensions(), ExtensionType.EXTENDED_MASTER_SECRET))
                .isPresent();
        // The ClientKeyExchange: our codec, then the pre-master secret with the server's key.
        byte[] ckeRaw = flight3.get(0);
        var cke =
                (Tls12HandshakeMessage.ClientKeyExchangeRsa)
                        Tls12HandshakeCodec.decode(
                                16,
                                Arrays.copyOfRange(ckeRaw, 4, ckeRaw.length),
                                Tls12CipherSuite.KeyExchangeAlgorithm.RSA);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        byte[] preMaster = rsa.doFinal(cke.encryptedPreMasterSecret());
        assertThat(preMaster).hasSize(48);
        assertThat(Arrays.copyOf(preMaster, 2)).containsExactly(3, 3);
        transcript.writeBytes(ckeRaw);
        byte[] master =
                Tls12KeySchedule.extendedMasterSecret(SUITE.hash(), preMaster, sha256(transcript));
        Tls12KeySchedule.KeyBlock kb =
                Tls12KeySchedule.keyBlock(SUITE, master, ch.random(), sh.random());
        // The client's Finished, opened with our record layer, equals our verify_data.
        Tls12RecordProtection clientRead =
                new Tls12RecordProtection(SUITE, kb.clientWriteKey(), kb.clientWriteIv());
        byte[] clientFinished = clientRead.open(lastRecord(rec.get("client_flight3"))).fragment();
        assertThat(clientFinished)
                .isEqualTo(
                        HandshakeCodec.encode(
                                new HandshakeMessage.Finished(
                                        Tls12KeySchedule.verifyData(
                                                SUITE.hash(), master, true, sha256(transcript)))));
        transcript.writeBytes(clientFinished);
        Tls12RecordProtection serverRead =
                new Tls12RecordProtection(SUITE, kb.serverWriteKey(), kb.serverWriteIv());
        byte[] serverFlight = rec.get("server_flight4");
        List<Record> serverRecords = Records.split(serverFlight);
        Record serverFinishedRecord = null;
        boolean afterCcs = false;
        for (Record r : serverRecords) {
            if (r.type() == ContentType.CHANGE_CIPHER_SPEC) {
                afterCcs = true;
            } else if (afterCcs && serverFinishedRecord == null) {
                serverFinishedRecord = r;
            } else if (!afterCcs && r.type() == ContentType.HANDSHAKE) {
                // A NewSessionTicket before the server's change_cipher_spec is in the transcript.
                transcript.writeBytes(r.fragment());
            }
        }
        byte[] serverFinished = serverRead.open(serverFinishedRecord).fragment();
        assertThat(serverFinished)
                .isEqualTo(
                        HandshakeCodec.encode(
                                new HandshakeMessage.Finished(
                                        Tls12KeySchedule.verifyData(
                                                SUITE.hash(), master, false, sha256(transcript)))));
        // The client's first application data record (sequence 1 after its Finished).
        byte[] app = clientRead.open(Records.split(rec.get("client_data")).get(0)).fragment();
        assertThat(new String(app, StandardCharsets.US_ASCII)).isEqualTo("recorded over TLS 1.2");
    }

    /** Records the handshake: two JDK engines, the shared RSA test key as the server's. */
    public static void main(String[] args) throws Exception {
        TestPki.Identity id = TestPki.Shared.RSA;
        SSLContext serverCtx = JdkPeer.context(id, TestPki.Shared.PKI.root());
        SSLContext clientCtx = JdkPeer.context(null, TestPki.Shared.PKI.root());
        String[] tls12 = {"TLSv1.2"};
        JdkPeer server = JdkPeer.server(serverCtx, tls12, false, SUITE.name());
        JdkPeer client = JdkPeer.client(clientCtx, tls12, "localhost", 443, SUITE.name());
        byte[] f1 = client.step(new byte[0]);
        byte[] f2 = server.step(f1);
        byte[] f3 = client.step(f2);
        byte[] f4 = server.step(f3);
        client.step(f4);
        client.send("recorded over TLS 1.2".getBytes(StandardCharsets.US_ASCII));
        byte[] data = client.step(new byte[0]);
        StringBuilder out = new StringBuilder();
        out.append("# TLS 1.2 RSA key transport between two JDK SSLEngines (")
                .append(System.getProperty("java.version"))
                .append("); recorded by Tls12RecordedRsaHandshakeTest.main\n");
        out.append("server_key_pkcs8 = ").append(Hex.of(id.key().getEncoded())).append('\n');
        out.append("client_flight1 = ").append(Hex.of(f1)).append('\n');
        out.append("server_flight2 = ").append(Hex.of(f2)).append('\n');
        out.append("client_flight3 = ").append(Hex.of(f3)).append('\n');
        out.append("server_flight4 = ").append(Hex.of(f4)).append('\n');
        out.append("client_data = ").append(Hex.of(data)).append('\n');
        Files.writeString(Path.of(args[0]), out.toString());
    }
}
