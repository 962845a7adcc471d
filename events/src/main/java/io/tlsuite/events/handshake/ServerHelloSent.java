package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * The server chose the version, suite and key exchange group.
 *
 * @param serverRandom the 32-byte server random, hex
 * @param helloRetryRequest true when this was a HelloRetryRequest asking for another key share
 * @param resumption true when the server accepted a pre-shared key or session id
 * @param rawHex the whole handshake message as sent, hex
 */
@EventType("handshake.server-hello-sent")
public record ServerHelloSent(
        String handshakeId,
        String version,
        String serverRandom,
        String cipherSuite,
        String group,
        boolean helloRetryRequest,
        boolean resumption,
        String rawHex,
        long elapsedMicros)
        implements HandshakeEvent {}
