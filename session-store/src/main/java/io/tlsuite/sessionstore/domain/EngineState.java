package io.tlsuite.sessionstore.domain;

import java.time.Instant;

/**
 * What the store knows about the suspended TLS engine of one in-flight handshake or open session,
 * never the engine's bytes: those stay sealed in the backend and leave only through {@link
 * EngineStates#open}.
 *
 * @param version bumped by every write and by the end, so that two replicas cannot both advance the
 *     same state (optimistic concurrency)
 * @param endReason why an ended state ended (as its holder said), null while active
 */
public record EngineState(
        String id,
        EngineStateKind kind,
        long version,
        EngineStateStatus status,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        String endReason,
        int sizeBytes) {

    /** The status as of {@code now}: an active state past its expiry is expired. */
    public EngineStateStatus statusAt(Instant now) {
        return status == EngineStateStatus.ACTIVE && !expiresAt.isAfter(now)
                ? EngineStateStatus.EXPIRED
                : status;
    }
}
