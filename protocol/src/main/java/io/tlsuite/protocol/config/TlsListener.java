package io.tlsuite.protocol.config;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.message.HandshakeMessage;

/**
 * Observes an engine: each handshake message sent or received (decoded and raw, as on the wire
 * before record protection), each state change and each alert. Never receives a secret. Called on
 * the thread that drives the engine; must not call back into it.
 */
public interface TlsListener {
    enum Direction {
        SENT,
        RECEIVED
    }

    default void handshakeMessage(Direction direction, HandshakeMessage message, byte[] raw) {}

    default void stateChanged(String from, String to) {}

    default void alert(Direction direction, Alert alert) {}

    /** A plaintext change_cipher_spec record (middlebox compatibility, RFC 8446 Appendix D.4). */
    default void changeCipherSpec(Direction direction) {}

    TlsListener NONE = new TlsListener() {};
}
