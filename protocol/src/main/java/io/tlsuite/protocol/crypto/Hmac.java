package io.tlsuite.protocol.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC (RFC 2104) over the suite's hash, built on clones of a keyed digest state instead of a
 * {@code javax.crypto.Mac} per use: no provider look-up, one key set-up for several outputs (HKDF-
 * Expand blocks, the TLS 1.2 PRF chain), and nothing key-derived left behind: {@link #destroy()}
 * resets the keyed states (the JDK's digests zero their state and buffer on reset), and the key
 * pads are wiped as soon as they are absorbed. Not thread-safe; one instance per use.
 */
public final class Hmac {
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final HashAlgorithm hash;
    private final MessageDigest innerKeyed;
    private final MessageDigest outerKeyed;
    private MessageDigest running;

    public Hmac(HashAlgorithm hash, byte[] key) {
        this.hash = hash;
        int block = hash.blockLength();
        byte[] k = key.length > block ? hash.digest(key) : key;
        byte[] pad = new byte[block];
        for (int i = 0; i < k.length; i++) {
            pad[i] = (byte) (k[i] ^ IPAD);
        }
        Arrays.fill(pad, k.length, block, IPAD);
        innerKeyed = hash.newDigest();
        innerKeyed.update(pad);
        for (int i = 0; i < block; i++) {
            pad[i] ^= IPAD ^ OPAD;
        }
        outerKeyed = hash.newDigest();
        outerKeyed.update(pad);
        Arrays.fill(pad, (byte) 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        running = HashAlgorithm.copy(innerKeyed);
    }

    /** HMAC(key, data) in one call. */
    public static byte[] mac(HashAlgorithm hash, byte[] key, byte[] data) {
        return mac(hash, key, data, null, -1);
    }

    /**
     * HMAC(key, a || b || suffix) in one call, {@code b} may be null and {@code suffix} -1 for none
     * (one HKDF-Expand block: T(1) = HMAC(PRK, info || 0x01)). One digest of this thread serves the
     * inner and the outer hash; it resets (and so zeroes) itself at each {@code digest()}.
     */
    static byte[] mac(HashAlgorithm hash, byte[] key, byte[] a, byte[] b, int suffix) {
        int block = hash.blockLength();
        MessageDigest md = hash.scratchDigest();
        byte[] k = key.length > block ? md.digest(key) : key;
        byte[] pad = new byte[block];
        for (int i = 0; i < k.length; i++) {
            pad[i] = (byte) (k[i] ^ IPAD);
        }
        Arrays.fill(pad, k.length, block, IPAD);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        byte[] innerHash;
        try {
            md.update(pad);
            md.update(a);
            if (b != null) {
                md.update(b);
            }
            if (suffix >= 0) {
                md.update((byte) suffix);
            }
            innerHash = md.digest();
        } catch (RuntimeException e) {
            // Leave nothing key-derived in this thread's digest (a null input, say).
            md.reset();
            Arrays.fill(pad, (byte) 0);
            throw e;
        }
        for (int i = 0; i < block; i++) {
            pad[i] ^= IPAD ^ OPAD;
        }
        md.update(pad);
        Arrays.fill(pad, (byte) 0);
        md.update(innerHash);
        Arrays.fill(innerHash, (byte) 0);
        return md.digest();
    }

    public int length() {
        return hash.length();
    }

    public void update(byte[] data) {
        running.update(data);
    }

    public void update(byte[] data, int offset, int length) {
        running.update(data, offset, length);
    }

    public void update(byte b) {
        running.update(b);
    }

    /** The MAC of everything updated since the last call; the key stays set for the next one. */
    public byte[] doFinal() {
        byte[] innerHash = running.digest();
        MessageDigest outer = HashAlgorithm.copy(outerKeyed);
        outer.update(innerHash);
        Arrays.fill(innerHash, (byte) 0);
        running = HashAlgorithm.copy(innerKeyed);
        return outer.digest();
    }

    /** Forgets the key: the keyed digest states are reset (zeroed). */
    public void destroy() {
        innerKeyed.reset();
        outerKeyed.reset();
        running.reset();
    }

    @Override
    public String toString() {
        return "Hmac[" + hash + ", key redacted]";
    }
}
