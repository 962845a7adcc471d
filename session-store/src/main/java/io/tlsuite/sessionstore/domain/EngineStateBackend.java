package io.tlsuite.sessionstore.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Storage of suspended engine states, sealed. Every write is a compare-and-set on the version in
 * the backend (a lock per entry in memory, one Lua script in Redis), so of two replicas that read
 * version n and write, exactly one gets n + 1 and the other a mismatch. An active state read after
 * its expiry is reported expired, whether or not the sweep has run.
 */
public interface EngineStateBackend extends AutoCloseable {

    /**
     * Stores version 1 of a new state; {@code EXISTS} (with the current state) if the id is taken.
     */
    Write create(
            String id,
            EngineStateKind kind,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt);

    /** Replaces the bytes of an active state that is still at {@code expectedVersion}. */
    Write replace(
            String id,
            long expectedVersion,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt);

    /** The state as of {@code now}, with its sealed bytes while it is active. */
    Optional<Stored> find(String id, Instant now);

    /**
     * Ends an active state (bytes dropped, version bumped), if {@code expectedVersion} is null or
     * still current. The tombstone stays until {@code purgeAt}.
     */
    Write end(String id, Long expectedVersion, String reason, Instant now, Instant purgeAt);

    /** Marks active states past their expiry expired and drops their bytes; returns how many. */
    int expire(Instant now, Instant purgeAt, int limit);

    /** Deletes tombstones whose retention passed (Redis deletes them itself); returns how many. */
    int purge(Instant now, int limit);

    /** Active states (sweep permitting). */
    long live();

    @Override
    default void close() {}

    enum Outcome {
        CREATED,
        REPLACED,
        ENDED,
        EXISTS,
        NOT_FOUND,
        VERSION_MISMATCH,
        ALREADY_ENDED,
        EXPIRED
    }

    /** What a write did; {@code state} is the state after it, or the current one when refused. */
    record Write(Outcome outcome, EngineState state) {}

    /** A state and, while it is active, its sealed bytes (else null). */
    record Stored(EngineState state, byte[] sealed) {}
}
