package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;

/** One ephemeral (EC)DHE key pair of a {@link NamedGroup} (RFC 8446 §4.2.8). */
public interface KeyExchange {
    NamedGroup group();

    /** The key_exchange bytes of our KeyShareEntry. */
    byte[] publicKey();

    /**
     * The shared secret with the peer's key_exchange bytes; a malformed share is illegal_parameter.
     */
    byte[] agree(byte[] peerPublicKey) throws TlsAlertException;

    /**
     * The private key in PKCS#8, a secret: only for moving a suspended handshake to another engine
     * ({@link NamedGroup#restore}).
     */
    byte[] exportPrivateKey();
}
