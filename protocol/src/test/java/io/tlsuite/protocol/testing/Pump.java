package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import java.io.ByteArrayOutputStream;

/** Moves bytes between two of our engines in memory until neither has anything to say. */
public final class Pump {
    private Pump() {}

    /** Result of a pumped handshake: the last outputs of each side. */
    public record Result(
            EngineOutput client,
            EngineOutput server,
            ByteArrayOutputStream clientReceived,
            ByteArrayOutputStream serverReceived) {}

    public static Result handshake(TlsEngine client, TlsEngine server) {
        EngineOutput c = client.start();
        EngineOutput s = null;
        ByteArrayOutputStream clientReceived = new ByteArrayOutputStream();
        ByteArrayOutputStream serverReceived = new ByteArrayOutputStream();
        byte[] toServer = c.outbound();
        byte[] toClient = new byte[0];
        for (int i = 0; i < 20 && (toServer.length > 0 || toClient.length > 0); i++) {
            if (toServer.length > 0) {
                s = server.feed(toServer);
                serverReceived.writeBytes(s.applicationBytes());
                toClient = concat(toClient, s.outbound());
                toServer = new byte[0];
            }
            if (toClient.length > 0) {
                c = client.feed(toClient);
                clientReceived.writeBytes(c.applicationBytes());
                toServer = c.outbound();
                toClient = new byte[0];
            }
        }
        return new Result(c, s, clientReceived, serverReceived);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
