package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM and ChaCha20-Poly1305 from the JDK (SunJCE). */
final class JdkAead implements Aead {
    private static final String GCM = "AES/GCM/NoPadding";
    private static final String CHACHA = "ChaCha20-Poly1305";

    /**
     * The provider each transformation resolved to at first use, so that the engine's eight ciphers
     * per handshake skip the search through the provider list; null when the look-up failed (then
     * every use searches, and reports the failure).
     */
    private static final Provider GCM_PROVIDER = providerOf(GCM);

    private static final Provider CHACHA_PROVIDER = providerOf(CHACHA);

    private final AeadAlgorithm algorithm;
    private final byte[] keyBytes;
    private final SecretKeySpec key;
    private final Cipher cipher;

    JdkAead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("key length " + key.length);
        }
        this.algorithm = algorithm;
        this.keyBytes = key.clone();
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        try {
            String transformation = chacha ? CHACHA : GCM;
            Provider provider = chacha ? CHACHA_PROVIDER : GCM_PROVIDER;
            this.cipher =
                    provider == null
                            ? Cipher.getInstance(transformation)
                            : Cipher.getInstance(transformation, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static Provider providerOf(String transformation) {
        try {
            return Cipher.getInstance(transformation).getProvider();
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private AlgorithmParameterSpec params(byte[] nonce) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    @Override
    public void sealInPlace(byte[] nonce, byte[] buffer, int aadLength, int plaintextLength) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce));
            cipher.updateAAD(buffer, 0, aadLength);
            // Cipher.doFinal is copy-safe: input and output may be the same array.
            cipher.doFinal(buffer, aadLength, plaintextLength, buffer, aadLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length)
            throws TlsAlertException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext, offset, length);
        } catch (AEADBadTagException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_RECORD_MAC, "record decryption failed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(keyBytes, (byte) 0);
    }
}
