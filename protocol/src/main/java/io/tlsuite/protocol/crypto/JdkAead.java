package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM and ChaCha20-Poly1305 from the JDK (SunJCE). */
final class JdkAead implements Aead {
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
            this.cipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
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
