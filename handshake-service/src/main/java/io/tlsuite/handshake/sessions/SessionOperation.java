package io.tlsuite.handshake.sessions;

/** What waits to be sent to the session store, in the order it happened. */
sealed interface SessionOperation {

    String sessionId();

    /** A completed session to register; the operation owns (and destroys) its secrets. */
    record Registration(CompletedSession session) implements SessionOperation {
        @Override
        public String sessionId() {
            return session.sessionId();
        }

        /** Drops the secrets unsent, e.g. when the queue is full or the application stops. */
        void discard() {
            if (session.secrets() != null) {
                session.secrets().destroy();
            }
        }
    }

    /** The end of a session. */
    record Closing(String sessionId, String closedBy, String reason) implements SessionOperation {}
}
