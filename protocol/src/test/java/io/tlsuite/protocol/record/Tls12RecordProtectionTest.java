package io.tlsuite.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.crypto.AeadAlgorithm;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule.KeyBlock;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.tls.ConnectionEnd;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS 1.2 AEAD records: round trips, tampering, replay, limits, and Bouncy Castle bctls's record
 * cipher as the independent peer: bctls derives its own key block from the same master secret and
 * randoms, then each side opens what the other sealed (both directions, several sequence numbers).
 */
class Tls12RecordProtectionTest {
    private static final Random RANDOM = new Random(5288);

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private record Pair(Tls12RecordProtection sender, Tls12RecordProtection receiver) {}

    private static Pair pair(Tls12CipherSuite suite) {
        KeyBlock kb = Tls12KeySchedule.keyBlock(suite, bytes(48), bytes(32), bytes(32));
        return new Pair(
                new Tls12RecordProtection(suite, kb.clientWriteKey(), kb.clientWriteIv()),
                new Tls12RecordProtection(suite, kb.clientWriteKey(), kb.clientWriteIv()));
    }

    private static Record parse(byte[] wire) {
        assertThat(wire.length).isGreaterThanOrEqualTo(Record.HEADER_LENGTH);
        int length = ((wire[3] & 0xff) << 8) | (wire[4] & 0xff);
        assertThat(wire.length).isEqualTo(Record.HEADER_LENGTH + length);
        return new Record(
                wire[0] & 0xff,
                ((wire[1] & 0xff) << 8) | (wire[2] & 0xff),
                Arrays.copyOfRange(wire, Record.HEADER_LENGTH, wire.length));
    }

    private static AlertDescription alertOf(Tls12RecordProtection p, Record r) {
        try {
            p.open(r);
            return null;
        } catch (TlsAlertException e) {
            return e.description();
        }
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void roundTripKeepsTypeAndContentAndHasTheRfcLayout(Tls12CipherSuite suite) throws Exception {
        Pair p = pair(suite);
        for (int len : new int[] {0, 1, 100, Record.MAX_PLAINTEXT}) {
            byte[] content = bytes(len);
            byte[] wire = p.sender().seal(ContentType.APPLICATION_DATA, content, 0, len);
            Record r = parse(wire);
            assertThat(r.type()).isEqualTo(ContentType.APPLICATION_DATA);
            assertThat(r.legacyVersion()).isEqualTo(0x0303);
            assertThat(r.fragment())
                    .hasSize(suite.recordIvLength() + len + AeadAlgorithm.TAG_LENGTH);
            Record opened = p.receiver().open(r);
            assertThat(opened.type()).isEqualTo(ContentType.APPLICATION_DATA);
            assertThat(opened.fragment()).isEqualTo(content);
        }
        byte[] alert = {1, 0};
        Record opened = p.receiver().open(parse(p.sender().seal(ContentType.ALERT, alert, 0, 2)));
        assertThat(opened.type()).isEqualTo(ContentType.ALERT);
        assertThat(opened.fragment()).isEqualTo(alert);
        assertThat(p.sender().sequence()).isEqualTo(5);
        assertThat(p.receiver().sequence()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void everyTamperedByteIsBadRecordMac(Tls12CipherSuite suite) {
        Pair p = pair(suite);
        byte[] wire =
                p.sender()
                        .seal(
                                ContentType.APPLICATION_DATA,
                                "hello".getBytes(StandardCharsets.US_ASCII),
                                0,
                                5);
        Record good = parse(wire);
        for (int i = 0; i < good.fragment().length; i++) {
            byte[] f = good.fragment().clone();
            f[i] ^= 0x01;
            assertThat(alertOf(p.receiver(), new Record(good.type(), good.legacyVersion(), f)))
                    .as("byte %d", i)
                    .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        }
        // The header is authenticated too: another type or version does not open.
        assertThat(
                        alertOf(
                                p.receiver(),
                                new Record(
                                        ContentType.HANDSHAKE,
                                        good.legacyVersion(),
                                        good.fragment())))
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(alertOf(p.receiver(), new Record(good.type(), 0x0302, good.fragment())))
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(p.receiver().sequence()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void replayedOrReorderedRecordIsBadRecordMac(Tls12CipherSuite suite) throws Exception {
        Pair p = pair(suite);
        Record first = parse(p.sender().seal(ContentType.APPLICATION_DATA, new byte[] {1}, 0, 1));
        Record second = parse(p.sender().seal(ContentType.APPLICATION_DATA, new byte[] {2}, 0, 1));
        p.receiver().open(first);
        assertThat(alertOf(p.receiver(), first)).isEqualTo(AlertDescription.BAD_RECORD_MAC);
        // A failed open ends the connection in the engine; here a fresh receiver sees the
        // reordering.
        // (The JDK's ChaCha20-Poly1305 also refuses a second init with the same key and nonce.)
        Pair q = pair(suite);
        Record qFirst = parse(q.sender().seal(ContentType.APPLICATION_DATA, new byte[] {1}, 0, 1));
        Record qSecond = parse(q.sender().seal(ContentType.APPLICATION_DATA, new byte[] {2}, 0, 1));
        assertThat(alertOf(q.receiver(), qSecond)).isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(qFirst.fragment()).isNotEqualTo(second.fragment());
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void shortAndOversizedCiphertexts(Tls12CipherSuite suite) {
        Pair p = pair(suite);
        int min = suite.recordIvLength() + AeadAlgorithm.TAG_LENGTH;
        assertThat(
                        alertOf(
                                p.receiver(),
                                new Record(
                                        ContentType.APPLICATION_DATA, 0x0303, new byte[min - 1])))
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(
                        alertOf(
                                p.receiver(),
                                new Record(ContentType.APPLICATION_DATA, 0x0303, new byte[0])))
                .isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(
                        alertOf(
                                p.receiver(),
                                new Record(
                                        ContentType.APPLICATION_DATA,
                                        0x0303,
                                        new byte[min + Record.MAX_PLAINTEXT + 1])))
                .isEqualTo(AlertDescription.RECORD_OVERFLOW);
        assertThatThrownBy(
                        () ->
                                p.sender()
                                        .seal(
                                                ContentType.APPLICATION_DATA,
                                                new byte[Record.MAX_PLAINTEXT + 1],
                                                0,
                                                Record.MAX_PLAINTEXT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gcmExplicitNonceIsTheSequenceNumberAndChachaHasNone() {
        Pair gcm = pair(Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        gcm.sender().setSequence(0x0102030405060708L);
        Record r = parse(gcm.sender().seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3));
        assertThat(Arrays.copyOf(r.fragment(), 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        Pair chacha = pair(Tls12CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
        assertThat(
                        parse(chacha.sender().seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3))
                                .fragment())
                .hasSize(3 + 16);
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void interoperatesWithBcTlsRecordCipherBothWays(Tls12CipherSuite suite) throws Exception {
        byte[] master = bytes(48);
        byte[] clientRandom = bytes(32);
        byte[] serverRandom = bytes(32);
        KeyBlock kb = Tls12KeySchedule.keyBlock(suite, master, clientRandom, serverRandom);
        Tls12RecordProtection ourClientWrite =
                new Tls12RecordProtection(suite, kb.clientWriteKey(), kb.clientWriteIv());
        Tls12RecordProtection ourServerRead =
                new Tls12RecordProtection(suite, kb.clientWriteKey(), kb.clientWriteIv());
        Tls12RecordProtection ourServerWrite =
                new Tls12RecordProtection(suite, kb.serverWriteKey(), kb.serverWriteIv());
        Tls12RecordProtection ourClientRead =
                new Tls12RecordProtection(suite, kb.serverWriteKey(), kb.serverWriteIv());
        TlsCipher bcServer =
                bcCipher(suite, master, clientRandom, serverRandom, ConnectionEnd.server);
        TlsCipher bcClient =
                bcCipher(suite, master, clientRandom, serverRandom, ConnectionEnd.client);
        for (long seq = 0; seq < 4; seq++) {
            byte[] content = bytes(1 + RANDOM.nextInt(2000));
            // our client -> bctls server
            Record r =
                    parse(
                            ourClientWrite.seal(
                                    ContentType.APPLICATION_DATA, content, 0, content.length));
            TlsDecodeResult d =
                    bcServer.decodeCiphertext(
                            seq,
                            (short) r.type(),
                            ProtocolVersion.TLSv12,
                            r.fragment().clone(), // bctls decrypts in place
                            0,
                            r.fragment().length);
            assertThat(Arrays.copyOfRange(d.buf, d.off, d.off + d.len)).isEqualTo(content);
            // bctls client -> our server: the same bytes as ours (same keys, nonce = sequence
            // number)
            TlsEncodeResult e =
                    bcClient.encodePlaintext(
                            seq,
                            (short) ContentType.APPLICATION_DATA,
                            ProtocolVersion.TLSv12,
                            0,
                            content,
                            0,
                            content.length);
            byte[] bcFragment = Arrays.copyOfRange(e.buf, e.off, e.off + e.len);
            assertThat(bcFragment).isEqualTo(r.fragment());
            assertThat(
                            ourServerRead
                                    .open(
                                            new Record(
                                                    ContentType.APPLICATION_DATA,
                                                    0x0303,
                                                    bcFragment))
                                    .fragment())
                    .isEqualTo(content);
            // bctls server -> our client
            TlsEncodeResult s =
                    bcServer.encodePlaintext(
                            seq,
                            (short) ContentType.HANDSHAKE,
                            ProtocolVersion.TLSv12,
                            0,
                            content,
                            0,
                            content.length);
            Record fromBc =
                    new Record(
                            ContentType.HANDSHAKE,
                            0x0303,
                            Arrays.copyOfRange(s.buf, s.off, s.off + s.len));
            assertThat(ourClientRead.open(fromBc).fragment()).isEqualTo(content);
            // our server -> bctls client
            Record o =
                    parse(ourServerWrite.seal(ContentType.HANDSHAKE, content, 0, content.length));
            TlsDecodeResult c =
                    bcClient.decodeCiphertext(
                            seq,
                            (short) o.type(),
                            ProtocolVersion.TLSv12,
                            o.fragment().clone(),
                            0,
                            o.fragment().length);
            assertThat(Arrays.copyOfRange(c.buf, c.off, c.off + c.len)).isEqualTo(content);
        }
    }

    /** A bctls record cipher for one end, keyed by bctls's own key block derivation. */
    private static TlsCipher bcCipher(
            Tls12CipherSuite suite,
            byte[] master,
            byte[] clientRandom,
            byte[] serverRandom,
            int entity)
            throws Exception {
        BcTlsCrypto crypto = new BcTlsCrypto();
        SecurityParameters sp = new SecurityParameters();
        set(sp, "entity", entity);
        set(
                sp,
                "prfAlgorithm",
                suite.hash().length() == 32
                        ? PRFAlgorithm.tls_prf_sha256
                        : PRFAlgorithm.tls_prf_sha384);
        set(sp, "masterSecret", crypto.createSecret(master.clone()));
        set(sp, "clientRandom", clientRandom.clone());
        set(sp, "serverRandom", serverRandom.clone());
        set(sp, "negotiatedVersion", ProtocolVersion.TLSv12);
        set(sp, "cipherSuite", suite.code());
        TlsContext context =
                (TlsContext)
                        Proxy.newProxyInstance(
                                TlsContext.class.getClassLoader(),
                                new Class<?>[] {TlsContext.class},
                                (proxy, method, args) ->
                                        switch (method.getName()) {
                                            case "getCrypto" -> crypto;
                                            case "getSecurityParameters",
                                                    "getSecurityParametersConnection",
                                                    "getSecurityParametersHandshake" ->
                                                    sp;
                                            case "isServer" -> entity == ConnectionEnd.server;
                                            case "getServerVersion",
                                                    "getClientVersion",
                                                    "getRSAPreMasterSecretVersion" ->
                                                    ProtocolVersion.TLSv12;
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            method.getName());
                                        });
        int encryption =
                switch (suite.aead()) {
                    case AES_128_GCM -> EncryptionAlgorithm.AES_128_GCM;
                    case AES_256_GCM -> EncryptionAlgorithm.AES_256_GCM;
                    case CHACHA20_POLY1305 -> EncryptionAlgorithm.CHACHA20_POLY1305;
                };
        return crypto.createCipher(
                new TlsCryptoParameters(context), encryption, MACAlgorithm._null);
    }

    private static void set(Object target, String field, Object value)
            throws ReflectiveOperationException {
        Field f = SecurityParameters.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
