package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.domain.EngineState;
import java.time.Instant;

/**
 * The JSON documents of {@code /api/v1/engine-states}. State bytes travel base64, only in
 * snapshots.
 */
final class EngineStateDtos {

    private EngineStateDtos() {}

    /**
     * Body of {@code PUT /api/v1/engine-states/{id}}.
     *
     * @param kind {@code handshake} or {@code session}; fixed at creation
     * @param snapshot the suspended engine (and whatever its holder keeps with it), base64
     * @param ttlSeconds time to live from this write
     */
    record Write(String kind, String snapshot, Long ttlSeconds) {
        @Override
        public String toString() {
            return "EngineStateWrite[kind=" + kind + ", ttlSeconds=" + ttlSeconds + ", redacted]";
        }
    }

    /** Metadata of a state: never its bytes. */
    record View(
            String id,
            String kind,
            long version,
            String status,
            Instant createdAt,
            Instant updatedAt,
            Instant expiresAt,
            String endReason,
            int sizeBytes) {
        static View of(EngineState s) {
            return new View(
                    s.id(),
                    s.kind().wireName(),
                    s.version(),
                    s.status().name(),
                    s.createdAt(),
                    s.updatedAt(),
                    s.expiresAt(),
                    s.endReason(),
                    s.sizeBytes());
        }
    }

    /** An active state with its bytes (service token only). */
    record Snapshot(
            String id,
            String kind,
            long version,
            Instant expiresAt,
            int sizeBytes,
            String snapshot) {
        @Override
        public String toString() {
            return "EngineStateSnapshot[id=" + id + ", version=" + version + ", redacted]";
        }
    }

    /** Answer of {@code DELETE}: the state after, and whether it had ended before. */
    record Ending(View state, boolean alreadyEnded) {}
}
