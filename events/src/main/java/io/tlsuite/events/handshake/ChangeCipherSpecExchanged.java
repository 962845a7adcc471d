package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * A ChangeCipherSpec record went by: in TLS 1.2 it switches to the new keys; in TLS 1.3 it is only
 * for middlebox compatibility.
 *
 * @param direction {@code sent} or {@code received}, from the server's point of view
 */
@EventType("handshake.change-cipher-spec")
public record ChangeCipherSpecExchanged(String handshakeId, String direction, long elapsedMicros)
        implements HandshakeEvent {}
