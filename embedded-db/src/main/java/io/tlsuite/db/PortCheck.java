package io.tlsuite.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Fails early, naming the port, rather than with a server's own start-up error. */
final class PortCheck {

    private PortCheck() {}

    static void requireFree(int port, String what) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException(
                    "port "
                            + port
                            + " ("
                            + what
                            + ") is already in use: stop what holds it (ss -ltnp 'sport = :"
                            + port
                            + "') or choose another port",
                    e);
        }
    }
}
