package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * The handshake succeeded and a session exists. {@code ems}: the master secret is the extended one
 * (RFC 7627); {@code secureRenegotiation}: the client signalled RFC 5746. Both are always true for
 * TLS 1.3; a TLS 1.2 client without them is served unless the server requires them.
 */
@EventType("handshake.completed")
public record HandshakeCompleted(
        String handshakeId,
        String sessionId,
        String version,
        String cipherSuite,
        String group,
        boolean resumed,
        boolean clientAuthenticated,
        String alpn,
        boolean ems,
        boolean secureRenegotiation,
        long elapsedMicros)
        implements HandshakeEvent {}
