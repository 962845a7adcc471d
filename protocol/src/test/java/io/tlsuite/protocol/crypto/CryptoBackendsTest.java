package io.tlsuite.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Bouncy Castle backend against the JDK backend and against the RFCs' own vectors: the same
 * shared secrets, signatures that verify across backends, the same rejections of bad shares and
 * signatures. Each backend is called directly, whatever {@link CryptoBackends#active()} is.
 */
class CryptoBackendsTest {
    private static final CryptoBackend BC = CryptoBackends.bouncyCastleCurves();
    private static final CryptoBackend JDK = CryptoBackends.jdk();
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<CryptoBackend> backends() {
        return Stream.of(BC, JDK);
    }

    static List<NamedGroup> curveGroups() {
        return List.of(
                NamedGroup.SECP256R1,
                NamedGroup.SECP384R1,
                NamedGroup.SECP521R1,
                NamedGroup.X25519,
                NamedGroup.X448);
    }

    @Test
    void bouncyCastleCurvesIsTheDefault() {
        assertThat(CryptoBackends.byName("bc-curves")).isSameAs(BC);
        assertThat(CryptoBackends.byName(" JDK ")).isSameAs(JDK);
        assertThatThrownBy(() -> CryptoBackends.byName("openssl"))
                .isInstanceOf(IllegalArgumentException.class);
        if (System.getProperty(CryptoBackends.PROPERTY) == null) {
            assertThat(CryptoBackends.active()).isSameAs(BC);
        }
    }

    // RFC 7748 §5.2: scalar, input u-coordinate, output u-coordinate. The second X25519 vector's u
    // has its top bit set, which must be masked.
    static Stream<Arguments> rfc7748Vectors() {
        return Stream.of(
                Arguments.of(
                        "X25519",
                        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                Arguments.of(
                        "X25519",
                        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
                Arguments.of(
                        "X448",
                        "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c"
                                + "984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
                        "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031"
                                + "ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
                        "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaad"
                                + "eb445fc66a01b0779d98223961111e21766282f73dd96b6f"),
                Arguments.of(
                        "X448",
                        "203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd7"
                                + "7c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
                        "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d0158"
                                + "94e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
                        "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3"
                                + "a5700df34321d62077e63633c575c1c954514e99da7c179d"));
    }

    private static byte[] pkcs8(NamedGroup group, byte[] scalar) {
        return NamedGroup.concat(
                group == NamedGroup.X25519
                        ? NamedGroup.X25519_PKCS8_PREFIX
                        : NamedGroup.X448_PKCS8_PREFIX,
                scalar);
    }

    @ParameterizedTest
    @MethodSource("rfc7748Vectors")
    void rfc7748FunctionVectorsInBothBackends(String name, String k, String u, String out)
            throws Exception {
        NamedGroup group = NamedGroup.valueOf(name);
        byte[] scalar = Hex.parse(k);
        byte[] anyPublic = new byte[group.elementLength()];
        for (CryptoBackend b : List.of(BC, JDK)) {
            KeyExchange kx = b.restore(group, pkcs8(group, scalar), anyPublic);
            assertThat(Hex.of(kx.agree(Hex.parse(u)))).as(b.name()).isEqualTo(out);
        }
    }

    @Test
    void rfc7748DiffieHellmanVectorX25519() throws Exception {
        byte[] alicePriv =
                Hex.parse("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] alicePub =
                Hex.parse("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPriv =
                Hex.parse("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] bobPub =
                Hex.parse("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        for (CryptoBackend b : List.of(BC, JDK)) {
            assertThat(Hex.of(b.x25519(alicePriv, alicePub).agree(bobPub))).isEqualTo(shared);
            assertThat(Hex.of(b.x25519(bobPriv, bobPub).agree(alicePub))).isEqualTo(shared);
        }
        // The public keys a backend computes from these scalars are the RFC's.
        KeyExchange restored =
                BC.restore(NamedGroup.X25519, pkcs8(NamedGroup.X25519, alicePriv), alicePub);
        assertThat(restored.publicKey()).isEqualTo(alicePub);
    }

    @ParameterizedTest
    @MethodSource("curveGroups")
    void sharedSecretsAgreeAcrossBackends(NamedGroup group) throws Exception {
        KeyExchange bc = BC.generate(group, RANDOM);
        KeyExchange jdk = JDK.generate(group, RANDOM);
        assertThat(bc.publicKey()).hasSize(jdk.publicKey().length);
        byte[] fromBc = bc.agree(jdk.publicKey());
        byte[] fromJdk = jdk.agree(bc.publicKey());
        assertThat(fromBc).isEqualTo(fromJdk).hasSize(group.elementLength());
    }

    @ParameterizedTest
    @MethodSource("curveGroups")
    void exportedKeysMoveBetweenBackends(NamedGroup group) throws Exception {
        KeyExchange peer = JDK.generate(group, RANDOM);
        KeyExchange bc = BC.generate(group, RANDOM);
        KeyExchange asJdk = JDK.restore(group, bc.exportPrivateKey(), bc.publicKey());
        assertThat(asJdk.publicKey()).isEqualTo(bc.publicKey());
        KeyExchange jdk = JDK.generate(group, RANDOM);
        KeyExchange asBc = BC.restore(group, jdk.exportPrivateKey(), jdk.publicKey());
        assertThat(asBc.publicKey()).isEqualTo(jdk.publicKey());

        assertThat(asJdk.agree(peer.publicKey())).isEqualTo(bc.agree(peer.publicKey()));
        assertThat(asBc.agree(peer.publicKey())).isEqualTo(jdk.agree(peer.publicKey()));
    }

    @ParameterizedTest
    @MethodSource("curveGroups")
    void bouncyCastleKeysServeOneAgreementThenAreWiped(NamedGroup group) throws Exception {
        KeyExchange bc = BC.generate(group, RANDOM);
        bc.agree(JDK.generate(group, RANDOM).publicKey());
        assertThatThrownBy(bc::exportPrivateKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bc.agree(JDK.generate(group, RANDOM).publicKey()))
                .isInstanceOf(IllegalStateException.class);
    }

    static Stream<Object[]> badShares() {
        byte[] p256 = JDK.generate(NamedGroup.SECP256R1, RANDOM).publicKey();
        byte[] compressed = Arrays.copyOf(p256, 33);
        compressed[0] = 2;
        byte[] offCurve = p256.clone();
        offCurve[64] ^= 1;
        // x = p, y = 0: a coordinate not below the field prime.
        byte[] xIsP =
                Hex.parse(
                        "04ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
                                + "0000000000000000000000000000000000000000000000000000000000000000");
        byte[] p384 = JDK.generate(NamedGroup.SECP384R1, RANDOM).publicKey();
        byte[] p384OffCurve = p384.clone();
        p384OffCurve[10] ^= 0x40;
        byte[] x25519One = new byte[32];
        x25519One[0] = 1;
        byte[] x448One = new byte[56];
        x448One[0] = 1;
        // p - 1 for Curve25519: a point of order 2.
        byte[] x25519PMinusOne =
                Hex.parse("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        return Stream.of(
                new Object[] {NamedGroup.SECP256R1, "compressed point", compressed},
                new Object[] {NamedGroup.SECP256R1, "point off the curve", offCurve},
                new Object[] {NamedGroup.SECP256R1, "x = p", xIsP},
                new Object[] {NamedGroup.SECP256R1, "empty", new byte[0]},
                new Object[] {NamedGroup.SECP256R1, "infinity", new byte[] {0}},
                new Object[] {NamedGroup.SECP384R1, "point off the curve", p384OffCurve},
                new Object[] {NamedGroup.SECP384R1, "a P-256 point", p256},
                new Object[] {NamedGroup.X25519, "zero (all-zero result)", new byte[32]},
                new Object[] {NamedGroup.X25519, "u = 1 (small order)", x25519One},
                new Object[] {NamedGroup.X25519, "u = p - 1 (order 2)", x25519PMinusOne},
                new Object[] {NamedGroup.X25519, "31 bytes", new byte[31]},
                new Object[] {NamedGroup.X448, "zero (all-zero result)", new byte[56]},
                new Object[] {NamedGroup.X448, "u = 1 (small order)", x448One},
                new Object[] {NamedGroup.X448, "X25519 length", new byte[32]});
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badShares")
    void badSharesAreIllegalParameterInBothBackends(NamedGroup group, String what, byte[] share) {
        for (CryptoBackend b : List.of(BC, JDK)) {
            KeyExchange kx = b.generate(group, RANDOM);
            assertThatThrownBy(() -> kx.agree(share))
                    .as(b.name() + ": " + what)
                    .isInstanceOfSatisfying(
                            TlsAlertException.class,
                            e ->
                                    assertThat(e.description())
                                            .isEqualTo(AlertDescription.ILLEGAL_PARAMETER));
        }
    }

    static Stream<Object[]> signatureKeys() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair p256 = ec.generateKeyPair();
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = ec.generateKeyPair();
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        return Stream.of(
                new Object[] {SignatureScheme.ECDSA_SECP256R1_SHA256, p256},
                new Object[] {SignatureScheme.ECDSA_SECP384R1_SHA384, p384},
                new Object[] {SignatureScheme.ED25519, ed},
                new Object[] {SignatureScheme.RSA_PSS_RSAE_SHA256, rsaPair},
                new Object[] {SignatureScheme.RSA_PKCS1_SHA256, rsaPair});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureKeys")
    void signaturesVerifyAcrossBackends(SignatureScheme scheme, KeyPair keys) throws Exception {
        byte[] content = SignatureScheme.certificateVerifyContent(true, new byte[48]);
        RANDOM.nextBytes(content);
        byte[] byBc = BC.sign(scheme, keys.getPrivate(), content, RANDOM);
        byte[] byJdk = JDK.sign(scheme, keys.getPrivate(), content, RANDOM);
        assertThat(JDK.verify(scheme, keys.getPublic(), content, byBc)).isTrue();
        assertThat(BC.verify(scheme, keys.getPublic(), content, byJdk)).isTrue();
        assertThat(BC.verify(scheme, keys.getPublic(), content, byBc)).isTrue();

        byte[] other = content.clone();
        other[0] ^= 1;
        byte[] flipped = byBc.clone();
        flipped[flipped.length - 1] ^= 1;
        for (CryptoBackend b : List.of(BC, JDK)) {
            assertThat(b.verify(scheme, keys.getPublic(), other, byBc)).as(b.name()).isFalse();
            assertThat(b.verify(scheme, keys.getPublic(), content, flipped)).as(b.name()).isFalse();
            assertThat(b.verify(scheme, keys.getPublic(), content, new byte[0]))
                    .as(b.name())
                    .isFalse();
        }
        if (scheme == SignatureScheme.ED25519) {
            // Ed25519 is deterministic (RFC 8032): both backends write the same bytes.
            assertThat(byBc).isEqualTo(byJdk);
        }
    }

    @Test
    void ecdsaSignaturesAreTrailingGarbageStrict() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = ec.generateKeyPair();
        byte[] content = "content".getBytes(StandardCharsets.US_ASCII);
        byte[] sig =
                BC.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, keys.getPrivate(), content, RANDOM);
        byte[] longer = Arrays.copyOf(sig, sig.length + 1);
        for (CryptoBackend b : List.of(BC, JDK)) {
            assertThat(
                            b.verify(
                                    SignatureScheme.ECDSA_SECP256R1_SHA256,
                                    keys.getPublic(),
                                    content,
                                    longer))
                    .as(b.name())
                    .isFalse();
        }
    }

    /**
     * RFC 6979 §A.2.5: P-256, SHA-256, message "sample": the deterministic k gives this r and s.
     */
    @Test
    void ecdsaNoncesAreRfc6979Deterministic() throws Exception {
        PrivateKey key =
                KeyFactory.getInstance("EC")
                        .generatePrivate(
                                new ECPrivateKeySpec(
                                        new BigInteger(
                                                "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
                                                16),
                                        NamedGroup.ecParameters(NamedGroup.SECP256R1)));
        byte[] sample = "sample".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = BC.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, key, sample, RANDOM);
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(BcCurve.P256.domain().getN(), sig);
        assertThat(rs[0].toString(16).toUpperCase())
                .isEqualTo("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
        assertThat(rs[1].toString(16).toUpperCase())
                .isEqualTo("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
        assertThat(BC.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, key, sample, RANDOM))
                .isEqualTo(sig);
    }

    @ParameterizedTest
    @EnumSource(
            value = NamedGroup.class,
            names = {"FFDHE2048"})
    void finiteFieldGroupsStayWithTheJdk(NamedGroup group) throws Exception {
        KeyExchange a = BC.generate(group, RANDOM);
        KeyExchange b = JDK.generate(group, RANDOM);
        assertThat(a.getClass()).isEqualTo(b.getClass());
        assertThat(a.agree(b.publicKey())).isEqualTo(b.agree(a.publicKey()));
    }
}
