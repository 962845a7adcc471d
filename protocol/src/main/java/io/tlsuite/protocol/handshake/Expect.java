package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;

/**
 * A state that accepts exactly one message type. Anything else is unexpected_message here, so the
 * concrete states never see a message they did not ask for.
 */
public abstract class Expect<M extends HandshakeMessage> implements State {
    private final Class<M> type;

    protected Expect(Class<M> type) {
        this.type = type;
    }

    @Override
    public final State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException {
        if (!type.isInstance(message)) {
            throw TlsAlertException.unexpected(
                    HandshakeType.name(message.handshakeType()) + " in state " + name());
        }
        return on(ctx, type.cast(message), raw);
    }

    protected abstract State on(HandshakeContext ctx, M message, byte[] raw)
            throws TlsAlertException;
}
