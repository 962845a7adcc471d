package io.tlsuite.handshake.sessions;

import java.util.concurrent.atomic.AtomicLong;

/** Used when the session store is disabled: sessions live only in this instance's memory. */
public final class NoSessionRegistry implements SessionRegistry {
    private final AtomicLong registered = new AtomicLong();

    @Override
    public void registered(CompletedSession session) {
        if (session.secrets() != null) {
            session.secrets().destroy();
        }
        registered.incrementAndGet();
    }

    @Override
    public void closed(String sessionId, String closedBy, String reason) {}

    @Override
    public long registeredCount() {
        return registered.get();
    }

    @Override
    public long failedCount() {
        return 0;
    }
}
