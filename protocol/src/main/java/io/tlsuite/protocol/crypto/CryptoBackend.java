package io.tlsuite.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Where the engine's public-key arithmetic runs: ephemeral key exchange for every {@link
 * NamedGroup} and signing and verification for every {@link SignatureScheme}. The protocol code
 * calls {@code NamedGroup} and {@code SignatureScheme}, which hand the work to {@link
 * CryptoBackends#active()}; a backend changes speed, never bytes on the wire: key shares, shared
 * secrets and signature encodings are the same from every backend (ECDSA signatures differ only in
 * their nonce, as any two ECDSA signatures do), and exported private keys are PKCS#8 in every
 * backend, so a handshake suspended under one can be resumed under another.
 */
public interface CryptoBackend {
    /** A short name for logs and benchmark tables ("jdk", "bc-curves"). */
    String name();

    /** A fresh ephemeral key pair of {@code group}. */
    KeyExchange generate(NamedGroup group, SecureRandom random);

    /** A key pair from {@link KeyExchange#exportPrivateKey()} (PKCS#8) and its public key bytes. */
    KeyExchange restore(NamedGroup group, byte[] pkcs8, byte[] publicKey);

    /** X25519 with a given private scalar and public key (RFC 7748 byte strings). */
    KeyExchange x25519(byte[] scalar, byte[] publicKey);

    /** The signature of {@code content} as it goes on the wire (DER for ECDSA). */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] content, SecureRandom random)
            throws GeneralSecurityException;

    /** Whether {@code signature} verifies; false for any malformed key or signature. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature);
}
