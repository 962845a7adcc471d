package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.codec.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF (RFC 5869) over the JDK's HMAC, plus TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1). */
public final class Hkdf {
    private final HashAlgorithm hash;

    public Hkdf(HashAlgorithm hash) {
        this.hash = hash;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hash.hmacName());
            mac.init(
                    new SecretKeySpec(
                            key.length == 0 ? new byte[hash.length()] : key, hash.hmacName()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    public byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt == null || salt.length == 0 ? new byte[hash.length()] : salt, ikm);
    }

    public byte[] expand(byte[] prk, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance(hash.hmacName());
            mac.init(new SecretKeySpec(prk, hash.hmacName()));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            int pos = 0;
            for (int i = 1; pos < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - pos);
                System.arraycopy(t, 0, out, pos, n);
                pos += n;
            }
            Arrays.fill(t, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    /** RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length). */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteWriter w = new ByteWriter(4 + fullLabel.length + context.length);
        w.u16(length).vector8(fullLabel).vector8(context);
        return expand(secret, w.toByteArray(), length);
    }

    /** RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) with the transcript hash given. */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }
}
