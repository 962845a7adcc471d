package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/** The handshake succeeded and a session exists. */
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
        long elapsedMicros)
        implements HandshakeEvent {}
