package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * A client opened a handshake.
 *
 * @param transport {@code rest} (flights over the REST API) or {@code tcp} (the TLS port)
 * @param peer the client's address or agent id
 */
@EventType("handshake.started")
public record HandshakeStarted(
        String handshakeId, String transport, String peer, long elapsedMicros)
        implements HandshakeEvent {}
