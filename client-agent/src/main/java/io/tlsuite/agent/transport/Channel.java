package io.tlsuite.agent.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Carries the agent engine's TLS records to a server and back: a TCP socket, or the handshake
 * service's REST API flight by flight. The engine never knows which.
 */
public interface Channel extends AutoCloseable {

    /** Sends records (one flight, or application data). */
    void send(byte[] records) throws IOException;

    /**
     * The next bytes from the server: blocks (up to the I/O timeout) on TCP; over REST the records
     * of the answers already received. Null when the server has nothing more (EOF).
     */
    byte[] receive() throws IOException;

    /** Bytes the server already sent without being asked for them (REST), else null. */
    default byte[] pending() {
        return null;
    }

    /** The server's decoded view of each message (REST only: the handshake service shows it). */
    default List<Map<String, Object>> serverMessages() {
        return List.of();
    }

    /** How to name the server in results: host:port or a URL. */
    String describe();

    @Override
    void close();
}
