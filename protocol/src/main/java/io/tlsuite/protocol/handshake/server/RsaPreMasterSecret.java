package io.tlsuite.protocol.handshake.server;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * RSA key transport, server side (RFC 5246 §7.4.7.1), with the countermeasure against
 * Bleichenbacher's attack: a bad padding, a wrong length and a wrong version all end the same way,
 * with a pre-master secret the client cannot know, so the handshake fails later at the client's
 * Finished (bad_record_mac) and never here with an alert of its own.
 */
final class RsaPreMasterSecret {
    static final int LENGTH = 48;

    private RsaPreMasterSecret() {}

    /**
     * Returns {@code client_version + M[2..47]} when {@code M} decrypts to 48 bytes, else 48 random
     * bytes; never throws for bad input. The random bytes are drawn before decryption and the
     * choice is made without a data-dependent branch on the result.
     */
    static byte[] decrypt(
            PrivateKey key, byte[] encrypted, int clientVersion, SecureRandom random) {
        byte[] fallback = new byte[LENGTH];
        random.nextBytes(fallback);
        byte[] m;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key, random);
            m = rsa.doFinal(encrypted);
        } catch (Exception e) {
            // Any failure (padding, length, key) takes the same path as a wrong version below.
            m = new byte[0];
        }
        // mask = 0xff when m has the right length, else 0: no branch on the padding outcome.
        int diff = m.length ^ LENGTH;
        int mask = ((diff | -diff) >> 31) ^ -1;
        byte[] candidate = Arrays.copyOf(m, LENGTH);
        candidate[0] = (byte) (clientVersion >>> 8);
        candidate[1] = (byte) clientVersion;
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = (byte) ((candidate[i] & mask) | (fallback[i] & ~mask));
        }
        Arrays.fill(m, (byte) 0);
        Arrays.fill(candidate, (byte) 0);
        Arrays.fill(fallback, (byte) 0);
        return out;
    }
}
