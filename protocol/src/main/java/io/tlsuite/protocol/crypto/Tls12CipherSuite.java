package io.tlsuite.protocol.crypto;

import java.util.Optional;

/**
 * The TLS 1.2 cipher suites this engine will support: AEAD only (no CBC, RC4, NULL or export
 * suites). Each row: IANA code point, key exchange, AEAD, PRF hash. Kept apart from the TLS 1.3
 * {@link io.tlsuite.protocol.crypto.CipherSuite} table so that TLS 1.3 negotiation is unchanged.
 */
public enum Tls12CipherSuite implements io.tlsuite.protocol.crypto.TlsCipherSuite {
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(
            0xC02B,
            KeyExchangeAlgorithm.ECDHE_ECDSA,
            AeadAlgorithm.AES_128_GCM,
            HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(
            0xC02C,
            KeyExchangeAlgorithm.ECDHE_ECDSA,
            AeadAlgorithm.AES_256_GCM,
            HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(
            0xCCA9,
            KeyExchangeAlgorithm.ECDHE_ECDSA,
            AeadAlgorithm.CHACHA20_POLY1305,
            HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(
            0xC02F,
            KeyExchangeAlgorithm.ECDHE_RSA,
            AeadAlgorithm.AES_128_GCM,
            HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(
            0xC030,
            KeyExchangeAlgorithm.ECDHE_RSA,
            AeadAlgorithm.AES_256_GCM,
            HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(
            0xCCA8,
            KeyExchangeAlgorithm.ECDHE_RSA,
            AeadAlgorithm.CHACHA20_POLY1305,
            HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_128_GCM_SHA256(
            0x009C, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_GCM_SHA384(
            0x009D, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);

    /** How the pre-master secret is agreed and the server authenticated. */
    public enum KeyExchangeAlgorithm {
        /** Ephemeral ECDH, ServerKeyExchange signed with an ECDSA certificate key. */
        ECDHE_ECDSA,
        /** Ephemeral ECDH, ServerKeyExchange signed with an RSA certificate key. */
        ECDHE_RSA,
        /**
         * Static RSA: the client encrypts the pre-master secret to the certificate key (no forward
         * secrecy).
         */
        RSA
    }

    private final int code;
    private final KeyExchangeAlgorithm keyExchange;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;

    Tls12CipherSuite(
            int code, KeyExchangeAlgorithm keyExchange, AeadAlgorithm aead, HashAlgorithm hash) {
        this.code = code;
        this.keyExchange = keyExchange;
        this.aead = aead;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    public KeyExchangeAlgorithm keyExchange() {
        return keyExchange;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    /** The PRF hash, also the hash of the Finished and extended master secret session hash. */
    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * The implicit part of the nonce taken from the key block (RFC 5246 §6.3 write IV): 4 bytes for
     * AES-GCM (RFC 5288 §3 salt), 12 for ChaCha20-Poly1305 (RFC 7905 §2).
     */
    public int fixedIvLength() {
        return aead == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
    }

    /**
     * The explicit nonce carried in each record: 8 bytes for AES-GCM, none for ChaCha20-Poly1305.
     */
    public int recordIvLength() {
        return aead == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : 8;
    }

    @Override
    public io.tlsuite.protocol.codec.ProtocolVersion version() {
        return io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2;
    }

    public static Optional<Tls12CipherSuite> of(int code) {
        for (Tls12CipherSuite s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
