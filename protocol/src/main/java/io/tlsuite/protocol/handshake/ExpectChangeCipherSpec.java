package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;

/**
 * TLS 1.2: waiting for the peer's change_cipher_spec (RFC 5246 §7.1), which switches the read side
 * to the pending cipher; then only a Finished may follow. Any handshake message here is
 * unexpected_message, so a Finished can never be read in the clear.
 */
public class ExpectChangeCipherSpec implements State {
    private final String name;
    private final State next;

    public ExpectChangeCipherSpec(String name, State next) {
        this.name = name;
        this.next = next;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException {
        throw TlsAlertException.unexpected(
                HandshakeType.name(message.handshakeType())
                        + " before change_cipher_spec in state "
                        + name);
    }

    @Override
    public State changeCipherSpec(HandshakeContext ctx) throws TlsAlertException {
        if (!ctx.activatePendingRead()) {
            throw TlsAlertException.unexpected("change_cipher_spec before the key exchange");
        }
        return next;
    }
}
