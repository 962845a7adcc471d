package io.tlsuite.protocol.crypto;

/** The AEADs of the TLS 1.3 suites (RFC 8446 §5.2), each a factory of {@link Aead} instances. */
public enum AeadAlgorithm {
    AES_128_GCM(16),
    AES_256_GCM(32),
    CHACHA20_POLY1305(32);

    public static final int IV_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final int keyLength;

    AeadAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }

    public Aead newAead(byte[] key) {
        return new JdkAead(this, key);
    }
}
