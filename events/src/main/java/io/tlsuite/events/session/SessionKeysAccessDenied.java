package io.tlsuite.events.session;

import io.tlsuite.events.EventType;

/**
 * The audit event of the key-bearing endpoints: a caller that is not the handshake service asked
 * for a session's keys (or another service-only action) and was refused.
 *
 * @param sessionId the session concerned, or {@code -} when the request named none
 * @param action what was attempted, e.g. {@code read-keys}, {@code close-session}
 * @param reason {@code missing-token}, {@code not-bearer}, {@code wrong-token} or {@code
 *     certificate-not-allowed}
 * @param remote the caller's address as the store saw it
 */
@EventType("session.keys-access-denied")
public record SessionKeysAccessDenied(String sessionId, String action, String reason, String remote)
        implements SessionEvent {}
