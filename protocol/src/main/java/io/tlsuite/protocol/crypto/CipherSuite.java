package io.tlsuite.protocol.crypto;

import java.util.Optional;

/** The TLS 1.3 cipher suites (RFC 8446 §B.4): each a row of AEAD and hash. */
public enum CipherSuite implements TlsCipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256);

    private final int code;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;

    CipherSuite(int code, AeadAlgorithm aead, HashAlgorithm hash) {
        this.code = code;
        this.aead = aead;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    @Override
    public io.tlsuite.protocol.codec.ProtocolVersion version() {
        return io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_3;
    }

    public static Optional<CipherSuite> of(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
