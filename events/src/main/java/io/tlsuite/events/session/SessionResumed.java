package io.tlsuite.events.session;

import io.tlsuite.events.EventType;

/**
 * A new session was resumed from an earlier one; it has fresh keys of its own.
 *
 * @param method {@code psk} (TLS 1.3), {@code ticket} or {@code session-id} (TLS 1.2)
 */
@EventType("session.resumed")
public record SessionResumed(
        String sessionId, String resumedFrom, String handshakeId, String method)
        implements SessionEvent {}
