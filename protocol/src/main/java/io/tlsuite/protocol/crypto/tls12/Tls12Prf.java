package io.tlsuite.protocol.crypto.tls12;

import io.tlsuite.protocol.crypto.HashAlgorithm;
import io.tlsuite.protocol.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The TLS 1.2 pseudorandom function (RFC 5246 §5): {@code PRF(secret, label, seed) =
 * P_<hash>(secret, label + seed)} with {@code P_hash} the HMAC chain {@code A(0) = seed, A(i) =
 * HMAC(secret, A(i-1))}, output {@code HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...}
 * truncated to the requested length. The hash is the suite's (SHA-256 or SHA-384).
 */
public final class Tls12Prf {
    private Tls12Prf() {}

    /** {@code PRF(secret, label, seed)[0..length-1]}; the label is ASCII, without a terminator. */
    public static byte[] prf(
            HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelSeed, labelBytes.length, seed.length);
        return pHash(hash, secret, labelSeed, length);
    }

    /** {@code P_<hash>(secret, seed)[0..length-1]} (RFC 5246 §5). */
    public static byte[] pHash(HashAlgorithm hash, byte[] secret, byte[] seed, int length) {
        if (length < 0 || secret.length == 0) {
            throw new IllegalArgumentException("negative length or empty secret");
        }
        Hmac mac = new Hmac(hash, secret);
        byte[] out = new byte[length];
        byte[] a = seed;
        int written = 0;
        while (written < length) {
            mac.update(a);
            byte[] next = mac.doFinal();
            if (a != seed) {
                Arrays.fill(a, (byte) 0);
            }
            a = next;
            mac.update(a);
            mac.update(seed);
            byte[] block = mac.doFinal();
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            Arrays.fill(block, (byte) 0);
            written += n;
        }
        if (a != seed) {
            Arrays.fill(a, (byte) 0);
        }
        mac.destroy();
        return out;
    }
}
