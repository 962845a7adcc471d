package io.tlsuite.protocol.bench;

import io.tlsuite.protocol.crypto.CryptoBackend;
import io.tlsuite.protocol.crypto.CryptoBackends;
import io.tlsuite.protocol.crypto.KeyExchange;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.testing.TestPki;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The public-key operations of a handshake, one at a time, through a given {@link CryptoBackend}:
 * what {@link CryptoBenchmark} (JMH) and {@link InterleavedComparison} {@code primitives} measure.
 * AES-128-GCM on a 16 KiB record is here too, the JDK's cipher beside Bouncy Castle's, to show
 * which one the record layer should keep.
 */
public final class CryptoPrimitives {
    final SecureRandom random = new SecureRandom();
    final byte[] content = SignatureScheme.certificateVerifyContent(true, new byte[32]);
    final KeyPair ed25519;
    final byte[] x25519Peer;
    final byte[] p256Peer;
    final byte[] ecdsaSignature;
    final byte[] ed25519Signature;
    final byte[] record = new byte[16 * 1024];
    final byte[] aesKey = new byte[16];
    final byte[] nonce = new byte[12];
    final byte[] sealed = new byte[16 * 1024 + 16];

    public CryptoPrimitives() {
        try {
            ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            CryptoBackend jdk = CryptoBackends.jdk();
            x25519Peer = jdk.generate(NamedGroup.X25519, random).publicKey();
            p256Peer = jdk.generate(NamedGroup.SECP256R1, random).publicKey();
            ecdsaSignature =
                    jdk.sign(
                            SignatureScheme.ECDSA_SECP256R1_SHA256,
                            TestPki.Shared.EC.key(),
                            content,
                            random);
            ed25519Signature =
                    jdk.sign(SignatureScheme.ED25519, ed25519.getPrivate(), content, random);
            random.nextBytes(record);
            random.nextBytes(aesKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ephemeral key pair and one agreement: half of a handshake's key exchange. */
    public int keyShare(CryptoBackend b, NamedGroup group) throws Exception {
        KeyExchange kx = b.generate(group, random);
        return kx.agree(group == NamedGroup.X25519 ? x25519Peer : p256Peer).length;
    }

    public int ecdsaP256Sign(CryptoBackend b) throws Exception {
        return b.sign(
                        SignatureScheme.ECDSA_SECP256R1_SHA256,
                        TestPki.Shared.EC.key(),
                        content,
                        random)
                .length;
    }

    public boolean ecdsaP256Verify(CryptoBackend b) {
        return b.verify(
                SignatureScheme.ECDSA_SECP256R1_SHA256,
                TestPki.Shared.EC.leaf().getPublicKey(),
                content,
                ecdsaSignature);
    }

    public int ed25519Sign(CryptoBackend b) throws Exception {
        return b.sign(SignatureScheme.ED25519, ed25519.getPrivate(), content, random).length;
    }

    public boolean ed25519Verify(CryptoBackend b) {
        return b.verify(SignatureScheme.ED25519, ed25519.getPublic(), content, ed25519Signature);
    }

    /** A new nonce per record, as the record layer does. */
    public int aesGcmSealJdk() throws Exception {
        nonce[0]++;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(aesKey, "AES"),
                new GCMParameterSpec(128, nonce));
        return c.doFinal(record, 0, record.length, sealed, 0);
    }

    public int aesGcmSealBc() throws Exception {
        nonce[0]++;
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(true, new AEADParameters(new KeyParameter(aesKey), 128, nonce));
        int n = c.processBytes(record, 0, record.length, sealed, 0);
        return n + c.doFinal(sealed, n);
    }

    /** Name -> operation, each primitive for the JDK and for Bouncy Castle side by side. */
    public Map<String, Op> candidates() {
        CryptoBackend jdk = CryptoBackends.jdk();
        CryptoBackend bc = CryptoBackends.bouncyCastleCurves();
        Map<String, Op> m = new LinkedHashMap<>();
        for (CryptoBackend b : new CryptoBackend[] {jdk, bc}) {
            String s = ", " + b.name();
            m.put("X25519 keygen + agree" + s, () -> keyShare(b, NamedGroup.X25519));
            m.put("P-256 ECDHE keygen + agree" + s, () -> keyShare(b, NamedGroup.SECP256R1));
            m.put("ECDSA P-256 sign" + s, () -> ecdsaP256Sign(b));
            m.put("ECDSA P-256 verify" + s, () -> ecdsaP256Verify(b) ? 1 : 0);
            m.put("Ed25519 sign" + s, () -> ed25519Sign(b));
            m.put("Ed25519 verify" + s, () -> ed25519Verify(b) ? 1 : 0);
        }
        m.put("AES-128-GCM seal 16 KiB, jdk", this::aesGcmSealJdk);
        m.put("AES-128-GCM seal 16 KiB, bc", this::aesGcmSealBc);
        return m;
    }

    /** One operation; the result keeps the JIT from dropping it. */
    @FunctionalInterface
    public interface Op {
        int run() throws Exception;
    }
}
