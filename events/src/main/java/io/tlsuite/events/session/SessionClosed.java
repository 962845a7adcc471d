package io.tlsuite.events.session;

import io.tlsuite.events.EventType;

/**
 * A session was closed normally.
 *
 * @param closedBy {@code client}, {@code server} or {@code operator}
 */
@EventType("session.closed")
public record SessionClosed(String sessionId, String closedBy, String reason)
        implements SessionEvent {}
