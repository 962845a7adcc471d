package io.tlsuite.agent.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every copy of key material the agent itself takes out of an engine (exporter values compared
 * across a resumption, the handshake secret used to re-protect a tampered Finished), by connection.
 * Closing a connection zeroises and drops its copies; the engine zeroises its own secrets when it
 * closes. Nothing here is ever logged, published or returned.
 */
public final class KeyCopies {
    private final Map<String, List<byte[]>> byConnection = new ConcurrentHashMap<>();
    private volatile Consumer<byte[]> observer = b -> {};

    /** {@code observer} sees each copy as it is taken (tests check it is zero afterwards). */
    public void observe(Consumer<byte[]> observer) {
        this.observer = observer;
    }

    /** Keeps {@code copy} under {@code connection} until {@link #destroy}. */
    public byte[] hold(String connection, byte[] copy) {
        byConnection.computeIfAbsent(connection, k -> new ArrayList<>()).add(copy);
        observer.accept(copy);
        return copy;
    }

    public void destroy(String connection) {
        List<byte[]> copies = byConnection.remove(connection);
        if (copies != null) {
            for (byte[] b : copies) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    /** Connections for which the agent still holds key material. */
    public Set<String> held() {
        return Set.copyOf(byConnection.keySet());
    }
}
