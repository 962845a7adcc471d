package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;

/**
 * One state of a role's handshake state machine: takes the next decoded handshake message (and its
 * raw bytes, for the transcript) and returns the next state.
 */
public interface State {
    State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException;

    /**
     * TLS 1.2: a change_cipher_spec record arrived. Only the states just before a Finished accept
     * it (RFC 5246 §7.1); everywhere else it is unexpected_message.
     */
    default State changeCipherSpec(HandshakeContext ctx) throws TlsAlertException {
        throw TlsAlertException.unexpected("change_cipher_spec in state " + name());
    }

    /** The state's name for listeners, e.g. {@code ExpectServerHello}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether application data may be read in this state (handshake finished on the read side). */
    default boolean acceptsApplicationData() {
        return false;
    }
}
