package io.tlsuite.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HKDF (RFC 5869) over {@link Hmac} (the suite's hash from the JDK), plus TLS 1.3's
 * HKDF-Expand-Label (RFC 8446 §7.1).
 */
public final class Hkdf {
    private static final byte[] TLS13_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private final HashAlgorithm hash;

    public Hkdf(HashAlgorithm hash) {
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public byte[] hmac(byte[] key, byte[] data) {
        return Hmac.mac(hash, key.length == 0 ? new byte[hash.length()] : key, data);
    }

    public byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt == null || salt.length == 0 ? new byte[hash.length()] : salt, ikm);
    }

    public byte[] expand(byte[] prk, byte[] info, int length) {
        if (length == hash.length()) {
            // One block, the common case (secrets): T(1) = HMAC(PRK, info || 0x01).
            return Hmac.mac(hash, prk, info, null, 1);
        }
        if (length < hash.length()) {
            byte[] t = Hmac.mac(hash, prk, info, null, 1);
            byte[] out = Arrays.copyOf(t, length);
            Arrays.fill(t, (byte) 0);
            return out;
        }
        Hmac mac = new Hmac(hash, prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int pos = 0;
        for (int i = 1; pos < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Arrays.fill(t, (byte) 0);
        mac.destroy();
        return out;
    }

    /** RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length). */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        // HkdfLabel: u16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255>.
        int labelLength = TLS13_PREFIX.length + label.length();
        if (labelLength > 0xff || context.length > 0xff) {
            throw new IllegalArgumentException("label or context too long");
        }
        byte[] info = new byte[4 + labelLength + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) labelLength;
        System.arraycopy(TLS13_PREFIX, 0, info, 3, TLS13_PREFIX.length);
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            info[3 + TLS13_PREFIX.length + i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        info[3 + labelLength] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + labelLength, context.length);
        return expand(secret, info, length);
    }

    /** RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) with the transcript hash given. */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }
}
