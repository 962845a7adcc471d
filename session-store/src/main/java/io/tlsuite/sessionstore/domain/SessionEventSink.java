package io.tlsuite.sessionstore.domain;

import io.tlsuite.events.session.SessionEvent;

/** Where the registry reports what happened: events on {@code tls.sessions} and metrics. */
public interface SessionEventSink {

    void publish(SessionEvent event);

    /** A ticket stopped being usable; {@code cause} is used, expired or withdrawn. */
    default void ticketEnded(TicketState cause, int count) {}

    SessionEventSink NONE = event -> {};
}
