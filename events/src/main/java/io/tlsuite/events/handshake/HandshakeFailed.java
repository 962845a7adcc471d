package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * The handshake ended with an alert.
 *
 * @param alert the TLS alert description, e.g. {@code protocol_version}, {@code decrypt_error}
 * @param sentBy {@code server} when the server raised it, {@code client} when it received it
 * @param stage the state the handshake was in, e.g. {@code WAIT_FINISHED}
 * @param reason a short explanation, free of secrets
 */
@EventType("handshake.failed")
public record HandshakeFailed(
        String handshakeId,
        String alert,
        String sentBy,
        String stage,
        String reason,
        long elapsedMicros)
        implements HandshakeEvent {}
