package io.tlsuite.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.Rfc8448;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordProtection;
import io.tlsuite.protocol.record.RecordReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3: every secret, key, IV, message and record of the simple 1-RTT trace, byte for byte.
 */
class Rfc8448SimpleHandshakeTest {
    private final Rfc8448 v = Rfc8448.section3();
    private final CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;

    private static HandshakeMessage decode(byte[] encoded) throws Exception {
        return HandshakeCodec.decode(
                encoded[0] & 0xff, Arrays.copyOfRange(encoded, 4, encoded.length));
    }

    @Test
    void helloMessagesRoundTripByteForByte() throws Exception {
        var ch = (HandshakeMessage.ClientHello) decode(v.get("client_hello"));
        assertThat(ch.cipherSuites()).containsExactly(0x1301, 0x1303, 0x1302);
        assertThat(
                        Extension.find(ch.extensions(), Extension.ServerName.class)
                                .orElseThrow()
                                .hostName())
                .isEqualTo("server");
        assertThat(
                        Extension.find(ch.extensions(), Extension.ClientKeyShares.class)
                                .orElseThrow()
                                .shares()
                                .get(0)
                                .keyExchange())
                .isEqualTo(v.get("client_public"));
        assertThat(HandshakeCodec.encode(ch)).isEqualTo(v.get("client_hello"));

        var sh = (HandshakeMessage.ServerHello) decode(v.get("server_hello"));
        assertThat(sh.isHelloRetryRequest()).isFalse();
        assertThat(sh.cipherSuite()).isEqualTo(0x1301);
        assertThat(
                        Extension.find(sh.extensions(), Extension.ServerSupportedVersion.class)
                                .orElseThrow()
                                .version())
                .isEqualTo(0x0304);
        assertThat(HandshakeCodec.encode(sh)).isEqualTo(v.get("server_hello"));

        RecordReader reader = new RecordReader();
        byte[] rec = v.get("client_hello_record");
        reader.add(rec, 0, rec.length);
        Record r = reader.next().orElseThrow();
        assertThat(r.type()).isEqualTo(ContentType.HANDSHAKE);
        assertThat(r.fragment()).isEqualTo(v.get("client_hello"));
        assertThat(r.encode()).isEqualTo(rec);
    }

    @Test
    void serverFlightMessagesRoundTrip() throws Exception {
        byte[] flight = v.get("server_flight");
        int off = 0;
        int[] expectedTypes = {
            HandshakeType.ENCRYPTED_EXTENSIONS,
            HandshakeType.CERTIFICATE,
            HandshakeType.CERTIFICATE_VERIFY,
            HandshakeType.FINISHED
        };
        for (int type : expectedTypes) {
            int len =
                    ((flight[off + 1] & 0xff) << 16)
                            | ((flight[off + 2] & 0xff) << 8)
                            | (flight[off + 3] & 0xff);
            byte[] msg = Arrays.copyOfRange(flight, off, off + 4 + len);
            HandshakeMessage m = decode(msg);
            assertThat(m.handshakeType()).isEqualTo(type);
            assertThat(HandshakeCodec.encode(m)).isEqualTo(msg);
            off += 4 + len;
        }
        assertThat(off).isEqualTo(flight.length);
        var nst = (HandshakeMessage.NewSessionTicket) decode(v.get("new_session_ticket"));
        assertThat(nst.lifetime()).isEqualTo(30);
        assertThat(nst.nonce()).isEqualTo(v.get("ticket_nonce"));
        assertThat(HandshakeCodec.encode(nst)).isEqualTo(v.get("new_session_ticket"));
    }

    @Test
    void x25519SharedSecret() throws Exception {
        KeyExchange client =
                NamedGroup.x25519FromPrivate(v.get("client_private"), v.get("client_public"));
        KeyExchange server =
                NamedGroup.x25519FromPrivate(v.get("server_private"), v.get("server_public"));
        assertThat(client.publicKey()).isEqualTo(v.get("client_public"));
        assertThat(client.agree(v.get("server_public"))).isEqualTo(v.get("shared_secret"));
        assertThat(server.agree(v.get("client_public"))).isEqualTo(v.get("shared_secret"));
    }

    @Test
    void keyScheduleSecretsKeysAndFinished() {
        Transcript t = new Transcript();
        t.add(v.get("client_hello"));
        t.add(v.get("server_hello"));
        t.startHash(suite.hash());
        byte[] helloHash = t.currentHash();
        assertThat(helloHash).isEqualTo(v.get("hello_hash"));

        KeySchedule ks = new KeySchedule(suite, null);
        assertThat(ks.earlySecret()).isEqualTo(v.get("early_secret"));
        ks.deriveHandshakeSecret(v.get("shared_secret"));
        assertThat(ks.handshakeSecret()).isEqualTo(v.get("handshake_secret"));
        byte[] chts = ks.clientHandshakeTrafficSecret(helloHash);
        byte[] shts = ks.serverHandshakeTrafficSecret(helloHash);
        assertThat(chts).isEqualTo(v.get("client_handshake_traffic_secret"));
        assertThat(shts).isEqualTo(v.get("server_handshake_traffic_secret"));
        TrafficKeys sk = ks.trafficKeys(shts);
        assertThat(sk.key()).isEqualTo(v.get("server_handshake_key"));
        assertThat(sk.iv()).isEqualTo(v.get("server_handshake_iv"));
        TrafficKeys ck = ks.trafficKeys(chts);
        assertThat(ck.key()).isEqualTo(v.get("client_handshake_key"));
        assertThat(ck.iv()).isEqualTo(v.get("client_handshake_iv"));
        ks.deriveMasterSecret();
        assertThat(ks.masterSecret()).isEqualTo(v.get("master_secret"));

        byte[] flight = v.get("server_flight");
        byte[] beforeFinished = Arrays.copyOf(flight, flight.length - 36);
        t.add(beforeFinished);
        assertThat(ks.finishedKey(shts)).isEqualTo(v.get("server_finished_key"));
        assertThat(ks.verifyData(shts, t.currentHash()))
                .isEqualTo(v.get("server_finished_verify_data"));
        t.add(v.get("server_finished"));
        byte[] sfHash = t.currentHash();
        assertThat(sfHash).isEqualTo(v.get("server_finished_hash"));
        byte[] cats = ks.clientApplicationTrafficSecret(sfHash);
        byte[] sats = ks.serverApplicationTrafficSecret(sfHash);
        assertThat(cats).isEqualTo(v.get("client_application_traffic_secret"));
        assertThat(sats).isEqualTo(v.get("server_application_traffic_secret"));
        assertThat(ks.exporterMasterSecret(sfHash)).isEqualTo(v.get("exporter_master_secret"));
        assertThat(ks.trafficKeys(sats).key()).isEqualTo(v.get("server_application_key"));
        assertThat(ks.trafficKeys(sats).iv()).isEqualTo(v.get("server_application_iv"));
        assertThat(ks.trafficKeys(cats).key()).isEqualTo(v.get("client_application_key"));
        assertThat(ks.trafficKeys(cats).iv()).isEqualTo(v.get("client_application_iv"));

        assertThat(ks.finishedKey(chts)).isEqualTo(v.get("client_finished_key"));
        assertThat(ks.verifyData(chts, sfHash)).isEqualTo(v.get("client_finished_verify_data"));
        t.add(v.get("client_finished"));
        assertThat(t.currentHash()).isEqualTo(v.get("client_finished_hash"));
        byte[] rms = ks.resumptionMasterSecret(t.currentHash());
        assertThat(rms).isEqualTo(v.get("resumption_master_secret"));
        assertThat(ks.resumptionPsk(rms, v.get("ticket_nonce"))).isEqualTo(v.get("resumption_psk"));
    }

    @Test
    void protectedRecordsByteForByte() throws Exception {
        KeySchedule ks = new KeySchedule(suite, null);
        ks.deriveHandshakeSecret(v.get("shared_secret"));
        byte[] helloHash = v.get("hello_hash");
        RecordProtection serverHs =
                new RecordProtection(
                        suite.aead(), ks.trafficKeys(ks.serverHandshakeTrafficSecret(helloHash)));
        byte[] flight = v.get("server_flight");
        assertThat(serverHs.seal(ContentType.HANDSHAKE, flight, 0, flight.length, 0))
                .isEqualTo(v.get("server_flight_record"));

        RecordProtection clientHs =
                new RecordProtection(
                        suite.aead(), ks.trafficKeys(ks.clientHandshakeTrafficSecret(helloHash)));
        byte[] cf = v.get("client_finished");
        assertThat(clientHs.seal(ContentType.HANDSHAKE, cf, 0, cf.length, 0))
                .isEqualTo(v.get("client_finished_record"));

        // Decrypting the server's record gives back the flight and its inner content type.
        RecordProtection serverHsRead =
                new RecordProtection(
                        suite.aead(), ks.trafficKeys(ks.serverHandshakeTrafficSecret(helloHash)));
        Record opened = serverHsRead.open(readRecord(v.get("server_flight_record")));
        assertThat(opened.type()).isEqualTo(ContentType.HANDSHAKE);
        assertThat(opened.fragment()).isEqualTo(flight);

        ks.deriveMasterSecret();
        byte[] sfHash = v.get("server_finished_hash");
        RecordProtection serverAp =
                new RecordProtection(
                        suite.aead(), ks.trafficKeys(ks.serverApplicationTrafficSecret(sfHash)));
        RecordProtection clientAp =
                new RecordProtection(
                        suite.aead(), ks.trafficKeys(ks.clientApplicationTrafficSecret(sfHash)));
        byte[] nst = v.get("new_session_ticket");
        assertThat(serverAp.seal(ContentType.HANDSHAKE, nst, 0, nst.length, 0))
                .isEqualTo(v.get("new_session_ticket_record"));
        byte[] data = v.get("application_data");
        assertThat(clientAp.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 0))
                .isEqualTo(v.get("client_application_data_record"));
        assertThat(serverAp.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 0))
                .isEqualTo(v.get("server_application_data_record"));
        byte[] closeNotify = {1, 0};
        assertThat(clientAp.seal(ContentType.ALERT, closeNotify, 0, 2, 0))
                .isEqualTo(v.get("client_alert_record"));
        assertThat(serverAp.seal(ContentType.ALERT, closeNotify, 0, 2, 0))
                .isEqualTo(v.get("server_alert_record"));
    }

    @Test
    void serverCertificateVerifySignatureVerifiesWithTheTraceCertificate() throws Exception {
        byte[] flight = v.get("server_flight");
        // EE (40 bytes) then Certificate, CertificateVerify, Finished.
        int eeLen = 4 + (flight[3] & 0xff);
        int certLen =
                4
                        + (((flight[eeLen + 1] & 0xff) << 16)
                                | ((flight[eeLen + 2] & 0xff) << 8)
                                | (flight[eeLen + 3] & 0xff));
        var cert =
                (HandshakeMessage.Certificate)
                        decode(Arrays.copyOfRange(flight, eeLen, eeLen + certLen));
        int cvStart = eeLen + certLen;
        int cvLen = 4 + (((flight[cvStart + 2] & 0xff) << 8) | (flight[cvStart + 3] & 0xff));
        var cv =
                (HandshakeMessage.CertificateVerify)
                        decode(Arrays.copyOfRange(flight, cvStart, cvStart + cvLen));
        assertThat(cv.scheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256.code());
        var x509 =
                (java.security.cert.X509Certificate)
                        java.security.cert.CertificateFactory.getInstance("X.509")
                                .generateCertificate(
                                        new java.io.ByteArrayInputStream(
                                                cert.entries().get(0).certData()));
        Transcript t = new Transcript();
        t.add(v.get("client_hello"));
        t.add(v.get("server_hello"));
        t.add(Arrays.copyOf(flight, cvStart));
        t.startHash(HashAlgorithm.SHA256);
        byte[] content = SignatureScheme.certificateVerifyContent(true, t.currentHash());
        assertThat(
                        SignatureScheme.RSA_PSS_RSAE_SHA256.verify(
                                x509.getPublicKey(), content, cv.signature()))
                .isTrue();
        content[content.length - 1] ^= 1;
        assertThat(
                        SignatureScheme.RSA_PSS_RSAE_SHA256.verify(
                                x509.getPublicKey(), content, cv.signature()))
                .isFalse();
        assertThat(Hex.of(x509.getSubjectX500Principal().getEncoded())).isNotEmpty();
    }

    private static Record readRecord(byte[] bytes) throws Exception {
        RecordReader r = new RecordReader();
        r.add(bytes, 0, bytes.length);
        return r.next().orElseThrow();
    }
}
