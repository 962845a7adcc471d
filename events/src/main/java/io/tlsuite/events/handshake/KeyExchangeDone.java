package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * Both key shares are known and the handshake secrets are derived. Names the method, never a key.
 *
 * @param method {@code ECDHE}, {@code PSK+ECDHE} or {@code RSA} (TLS 1.2 key transport)
 * @param group the ECDHE group, or null for RSA key transport
 */
@EventType("handshake.key-exchange-done")
public record KeyExchangeDone(
        String handshakeId, String method, String group, String version, long elapsedMicros)
        implements HandshakeEvent {}
