package io.tlsuite.handshake.sessions;

/**
 * Where completed sessions are registered and closed: the session store, or nothing at all. Calls
 * return at once and never fail a handshake; problems are logged (without secrets) and counted.
 */
public interface SessionRegistry {

    /** Registers the session; takes ownership of (and destroys) its secrets. */
    void registered(CompletedSession session);

    /**
     * The session ended.
     *
     * @param closedBy {@code client} or {@code server}
     * @param reason e.g. {@code close_notify}, {@code idle-timeout}, an alert name
     */
    void closed(String sessionId, String closedBy, String reason);

    /** Sessions this instance registered successfully / failed to register, since start. */
    long registeredCount();

    long failedCount();
}
