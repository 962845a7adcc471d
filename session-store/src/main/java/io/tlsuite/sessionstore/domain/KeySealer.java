package io.tlsuite.sessionstore.domain;

/**
 * Encryption of key material at rest. {@code context} is bound to the ciphertext as associated
 * data, so a blob moved to another session or ticket does not open.
 */
public interface KeySealer {

    /** Ciphertext of {@code plaintext}; the caller still owns (and zeroises) {@code plaintext}. */
    byte[] seal(byte[] plaintext, String context);

    /**
     * The plaintext of a sealed blob: zeroise it after use.
     *
     * @throws IllegalStateException when the blob does not open (wrong key, wrong context,
     *     tampered)
     */
    byte[] open(byte[] sealed, String context);

    /** Whether the blob is sealed with the key new blobs get (else rotation should rewrap it). */
    boolean isCurrent(byte[] sealed);
}
