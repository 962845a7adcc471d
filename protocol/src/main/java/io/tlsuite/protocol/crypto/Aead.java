package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;

/** One direction's AEAD key: seal and open with an explicit nonce and additional data. */
public interface Aead {
    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext);

    /** Fails with bad_record_mac when the tag does not verify. */
    byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length)
            throws TlsAlertException;

    /**
     * Seals in place: {@code buffer[0..aadLength)} is the additional data, the plaintext follows
     * it, and its ciphertext and tag overwrite it ({@code buffer} has room for the tag after the
     * plaintext). Saves the copies of {@link #seal} on the record path.
     */
    default void sealInPlace(byte[] nonce, byte[] buffer, int aadLength, int plaintextLength) {
        byte[] aad = java.util.Arrays.copyOf(buffer, aadLength);
        byte[] plaintext =
                java.util.Arrays.copyOfRange(buffer, aadLength, aadLength + plaintextLength);
        byte[] sealed = seal(nonce, aad, plaintext);
        System.arraycopy(sealed, 0, buffer, aadLength, sealed.length);
        java.util.Arrays.fill(plaintext, (byte) 0);
    }

    /** Forgets the key as far as the JCA allows. */
    void destroy();
}
