package io.tlsuite.events.session;

import io.tlsuite.events.EventType;

/**
 * A session was ended by force.
 *
 * @param reason e.g. {@code certificate-revoked}
 * @param certificateSerial the revoked certificate that caused it, when that is the reason
 */
@EventType("session.terminated")
public record SessionTerminated(String sessionId, String reason, String certificateSerial)
        implements SessionEvent {}
