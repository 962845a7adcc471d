package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;

/**
 * A TLS 1.2 state that accepts exactly one TLS 1.2-only message type (carried in {@link
 * HandshakeMessage.Tls12}); anything else is unexpected_message, like {@link Expect}.
 */
public abstract class Expect12<M extends Tls12HandshakeMessage> implements State {
    private final Class<M> type;

    protected Expect12(Class<M> type) {
        this.type = type;
    }

    @Override
    public final State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException {
        if (!(message instanceof HandshakeMessage.Tls12 t) || !type.isInstance(t.message())) {
            throw TlsAlertException.unexpected(
                    HandshakeType.name(message.handshakeType()) + " in state " + name());
        }
        return on(ctx, type.cast(t.message()), raw);
    }

    protected abstract State on(HandshakeContext ctx, M message, byte[] raw)
            throws TlsAlertException;
}
