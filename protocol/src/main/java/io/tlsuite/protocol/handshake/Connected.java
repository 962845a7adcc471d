package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import java.util.Arrays;

/**
 * After the handshake: only post-handshake messages are valid. Both roles take KeyUpdate (RFC 8446
 * §4.6.3); the client role also takes NewSessionTicket (see the client package).
 */
public class Connected implements SuspendableState {
    @Override
    public String name() {
        return "Connected";
    }

    @Override
    public int kind() {
        return SERVER_CONNECTED;
    }

    @Override
    public boolean acceptsApplicationData() {
        return true;
    }

    @Override
    public State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
            throws TlsAlertException {
        if (message instanceof HandshakeMessage.KeyUpdate ku) {
            onKeyUpdate(ctx, ku);
            return this;
        }
        return onOther(ctx, message);
    }

    /** Subclasses add role-specific post-handshake messages; the default refuses. */
    protected State onOther(HandshakeContext ctx, HandshakeMessage message)
            throws TlsAlertException {
        throw TlsAlertException.unexpected(
                HandshakeType.name(message.handshakeType()) + " after the handshake");
    }

    private static void onKeyUpdate(HandshakeContext ctx, HandshakeMessage.KeyUpdate ku) {
        if (ctx.client) {
            byte[] next = ctx.keySchedule.nextTrafficSecret(ctx.serverApplicationSecret);
            Arrays.fill(ctx.serverApplicationSecret, (byte) 0);
            ctx.serverApplicationSecret = next;
        } else {
            byte[] next = ctx.keySchedule.nextTrafficSecret(ctx.clientApplicationSecret);
            Arrays.fill(ctx.clientApplicationSecret, (byte) 0);
            ctx.clientApplicationSecret = next;
        }
        ctx.setReadSecret(ctx.client ? ctx.serverApplicationSecret : ctx.clientApplicationSecret);
        if (ku.updateRequested()) {
            sendKeyUpdate(ctx, false);
        }
    }

    /** Sends KeyUpdate under the current key, then moves our write side to the next secret. */
    public static void sendKeyUpdate(HandshakeContext ctx, boolean requestPeerUpdate) {
        ctx.sendPostHandshake(new HandshakeMessage.KeyUpdate(requestPeerUpdate));
        ctx.flush();
        if (ctx.client) {
            byte[] next = ctx.keySchedule.nextTrafficSecret(ctx.clientApplicationSecret);
            Arrays.fill(ctx.clientApplicationSecret, (byte) 0);
            ctx.clientApplicationSecret = next;
        } else {
            byte[] next = ctx.keySchedule.nextTrafficSecret(ctx.serverApplicationSecret);
            Arrays.fill(ctx.serverApplicationSecret, (byte) 0);
            ctx.serverApplicationSecret = next;
        }
        ctx.setWriteSecret(ctx.client ? ctx.clientApplicationSecret : ctx.serverApplicationSecret);
    }
}
