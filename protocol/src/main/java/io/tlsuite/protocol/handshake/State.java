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

    /** The state's name for listeners, e.g. {@code ExpectServerHello}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether application data may be read in this state (handshake finished on the read side). */
    default boolean acceptsApplicationData() {
        return false;
    }
}
