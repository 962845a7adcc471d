package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * A Finished message matched the MAC over the transcript hash.
 *
 * @param sender whose Finished was verified: {@code client} or {@code server}
 * @param transcriptHash the hash algorithm of the transcript, e.g. {@code SHA-256}
 */
@EventType("handshake.finished-verified")
public record FinishedVerified(
        String handshakeId, String sender, String transcriptHash, long elapsedMicros)
        implements HandshakeEvent {}
