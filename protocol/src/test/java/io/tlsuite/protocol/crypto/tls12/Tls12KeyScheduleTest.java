package io.tlsuite.protocol.crypto.tls12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.crypto.HashAlgorithm;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TLS 1.2 PRF and key schedule. Oracles: the P_SHA256 / P_SHA384 "test label" vectors posted to
 * the IETF TLS list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html, used by
 * GnuTLS, OpenSSL's kdf tests and many others), and Bouncy Castle bctls's own PRF ({@code
 * TlsSecret.deriveUsingPRF}, an independent implementation) fed with the labels and seeds as the
 * RFCs write them.
 */
class Tls12KeyScheduleTest {
    private static final BcTlsCrypto BC = new BcTlsCrypto();
    private static final Random RANDOM = new Random(5246);

    @Test
    void prfSha256KnownAnswer() {
        byte[] out =
                Tls12Prf.prf(
                        HashAlgorithm.SHA256,
                        Hex.parse("9bbe436ba940f017b17652849a71db35"),
                        "test label",
                        Hex.parse("a0ba9f936cda311827a6f796ffd5198c"),
                        100);
        assertThat(Hex.of(out))
                .isEqualTo(
                        "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                                + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                                + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                                + "87347b66");
    }

    @Test
    void prfSha384KnownAnswer() {
        byte[] out =
                Tls12Prf.prf(
                        HashAlgorithm.SHA384,
                        Hex.parse("b80b733d6ceefcdc71566ea48e5567df"),
                        "test label",
                        Hex.parse("cd665cf6a8447dd6ff8b27555edb7465"),
                        148);
        assertThat(Hex.of(out))
                .isEqualTo(
                        "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                                + "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                                + "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                                + "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                                + "91c8f3a26854308d5eaa3be85e0990703d73e56f");
    }

    @Test
    void prfOutputIsAStreamEveryLengthIsAPrefix() {
        byte[] secret = bytes(48);
        byte[] seed = bytes(64);
        byte[] longest = Tls12Prf.prf(HashAlgorithm.SHA256, secret, "key expansion", seed, 200);
        for (int n : new int[] {0, 1, 12, 31, 32, 33, 64, 65, 199}) {
            assertThat(Tls12Prf.prf(HashAlgorithm.SHA256, secret, "key expansion", seed, n))
                    .isEqualTo(Arrays.copyOf(longest, n));
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void prfMatchesBcTlsForManyInputs(HashAlgorithm hash) {
        for (int i = 0; i < 50; i++) {
            byte[] secret = bytes(1 + RANDOM.nextInt(80));
            byte[] seed = bytes(RANDOM.nextInt(100));
            int length = RANDOM.nextInt(300);
            assertThat(Tls12Prf.prf(hash, secret, "some label", seed, length))
                    .isEqualTo(bc(hash, secret, "some label", seed, length));
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void masterSecretsMatchBcTls(HashAlgorithm hash) {
        byte[] pms = bytes(48);
        byte[] clientRandom = bytes(32);
        byte[] serverRandom = bytes(32);
        byte[] sessionHash = bytes(hash.length());
        assertThat(Tls12KeySchedule.masterSecret(hash, pms, clientRandom, serverRandom))
                .hasSize(48)
                .isEqualTo(bc(hash, pms, "master secret", concat(clientRandom, serverRandom), 48));
        assertThat(Tls12KeySchedule.extendedMasterSecret(hash, pms, sessionHash))
                .hasSize(48)
                .isEqualTo(bc(hash, pms, "extended master secret", sessionHash, 48));
    }

    @ParameterizedTest
    @EnumSource(Tls12CipherSuite.class)
    void keyBlockMatchesBcTlsAndRfcLayout(Tls12CipherSuite suite) {
        byte[] master = bytes(48);
        byte[] clientRandom = bytes(32);
        byte[] serverRandom = bytes(32);
        int keyLength = suite.aead().keyLength();
        int ivLength = suite.fixedIvLength();
        byte[] expected =
                bc(
                        suite.hash(),
                        master,
                        "key expansion",
                        concat(serverRandom, clientRandom),
                        2 * keyLength + 2 * ivLength);
        Tls12KeySchedule.KeyBlock kb =
                Tls12KeySchedule.keyBlock(suite, master, clientRandom, serverRandom);
        assertThat(
                        concat(
                                concat(kb.clientWriteKey(), kb.serverWriteKey()),
                                concat(kb.clientWriteIv(), kb.serverWriteIv())))
                .isEqualTo(expected);
        assertThat(kb.clientWriteIv()).hasSize(ivLength);
        assertThat(kb.toString()).doesNotContain(Hex.of(kb.clientWriteKey()));
        kb.destroy();
        assertThat(kb.clientWriteKey()).containsOnly(0);
    }

    @Test
    void suiteTableRows() throws ReflectiveOperationException {
        assertThat(Tls12CipherSuite.of(0xC02B))
                .contains(Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        assertThat(Tls12CipherSuite.of(0xC030))
                .contains(Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
        assertThat(Tls12CipherSuite.of(0xCCA8))
                .contains(Tls12CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
        assertThat(Tls12CipherSuite.of(0xCCA9))
                .contains(Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
        assertThat(Tls12CipherSuite.of(0x009D))
                .contains(Tls12CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384);
        assertThat(Tls12CipherSuite.of(0x1301)).isEmpty(); // TLS 1.3 suites are another table
        assertThat(Tls12CipherSuite.of(0x002F)).isEmpty(); // CBC: never
        // Each code point is the one BC's constant of the same IANA name carries.
        for (Tls12CipherSuite s : Tls12CipherSuite.values()) {
            assertThat(org.bouncycastle.tls.CipherSuite.class.getField(s.name()).getInt(null))
                    .as(s.name())
                    .isEqualTo(s.code());
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void verifyDataMatchesBcTls(HashAlgorithm hash) {
        byte[] master = bytes(48);
        byte[] transcriptHash =
                hash.digest("handshake messages".getBytes(StandardCharsets.US_ASCII));
        byte[] client = Tls12KeySchedule.verifyData(hash, master, true, transcriptHash);
        byte[] server = Tls12KeySchedule.verifyData(hash, master, false, transcriptHash);
        assertThat(client)
                .hasSize(12)
                .isEqualTo(bc(hash, master, "client finished", transcriptHash, 12));
        assertThat(server)
                .hasSize(12)
                .isEqualTo(bc(hash, master, "server finished", transcriptHash, 12));
        assertThat(client).isNotEqualTo(server);
    }

    @Test
    void wrongSizesAreRefused() {
        assertThatThrownBy(
                        () ->
                                Tls12KeySchedule.verifyData(
                                        HashAlgorithm.SHA256, new byte[47], true, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                Tls12KeySchedule.keyBlock(
                                        Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                                        new byte[48],
                                        new byte[31],
                                        new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> Tls12Prf.prf(HashAlgorithm.SHA256, new byte[0], "x", new byte[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bc(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        int prf =
                hash == HashAlgorithm.SHA256
                        ? PRFAlgorithm.tls_prf_sha256
                        : PRFAlgorithm.tls_prf_sha384;
        return BC.createSecret(secret.clone()).deriveUsingPRF(prf, label, seed, length).extract();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
