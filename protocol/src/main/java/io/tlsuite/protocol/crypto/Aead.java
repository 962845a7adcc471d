package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;

/** One direction's AEAD key: seal and open with an explicit nonce and additional data. */
public interface Aead {
    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext);

    /** Fails with bad_record_mac when the tag does not verify. */
    byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length)
            throws TlsAlertException;

    /** Forgets the key as far as the JCA allows. */
    void destroy();
}
