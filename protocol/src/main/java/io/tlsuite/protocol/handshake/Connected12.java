package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.AlertLevel;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;

/**
 * A TLS 1.2 connection after both Finished messages. Renegotiation is refused (RFC 5746 lets a peer
 * decline): a server answers a new ClientHello, a client answers a HelloRequest, with a
 * no_renegotiation warning and the connection goes on (RFC 5246 §7.4.1.1, §7.4.1.2). Every other
 * handshake message is unexpected_message.
 */
public final class Connected12 implements SuspendableState {
    @Override
    public int kind() {
        return TLS12_CONNECTED;
    }

    @Override
    public String name() {
        return "Connected";
    }

    @Override
    public boolean acceptsApplicationData() {
        return true;
    }

    @Override
    public State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException {
        boolean renegotiation =
                ctx.client
                        ? message instanceof HandshakeMessage.Tls12 t
                                && t.message() instanceof Tls12HandshakeMessage.HelloRequest
                        : message instanceof HandshakeMessage.ClientHello;
        if (!renegotiation) {
            throw TlsAlertException.unexpected(
                    HandshakeType.name(message.handshakeType()) + " after the handshake");
        }
        ctx.sendAlert(new Alert(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION));
        return this;
    }
}
