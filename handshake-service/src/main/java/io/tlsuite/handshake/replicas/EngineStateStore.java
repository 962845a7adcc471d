package io.tlsuite.handshake.replicas;

import java.time.Duration;

/**
 * Where the suspended engines of REST handshakes and REST sessions live between requests, so that
 * any replica can serve the next step: the session store's {@code /api/v1/engine-states}, or
 * nowhere (every step then stays on the replica that started it). Every write names the version it
 * builds on; a write from a stale version loses, so two replicas cannot both advance one handshake.
 */
public interface EngineStateStore {

    /** False: nothing is shared; callers keep engines in memory only. */
    boolean shared();

    /**
     * The state of {@code id}; {@code heldVersion} (0: none) is the version the caller holds in
     * memory, answered {@link Fetch.Unchanged} when still current.
     */
    Fetch fetch(String id, long heldVersion);

    /** Stores version 1; the caller still owns (and zeroises) {@code state}. */
    Write create(String id, Kind kind, byte[] state, Duration ttl);

    /** Stores the next version if {@code version} is still current. */
    Write replace(String id, long version, Kind kind, byte[] state, Duration ttl);

    /** Ends the state at {@code version}: won only if it was current and not ended before. */
    Write end(String id, long version, String reason);

    enum Kind {
        HANDSHAKE,
        SESSION
    }

    /** What a read found. */
    sealed interface Fetch {
        /** The current version and its bytes (the caller zeroises them). */
        record Current(long version, byte[] state) implements Fetch {}

        /** The version the caller holds is current. */
        record Unchanged(long version) implements Fetch {}

        record Ended(String reason) implements Fetch {}

        record Expired() implements Fetch {}

        record Missing() implements Fetch {}

        /** The store could not answer (down, slow, refused our token): nothing is known. */
        record Unavailable(String problem) implements Fetch {}
    }

    /** What a write did; {@code version} is the new version when {@code WON}. */
    record Write(Outcome outcome, long version) {
        public static Write lost() {
            return new Write(Outcome.LOST, 0);
        }

        public static Write unavailable() {
            return new Write(Outcome.UNAVAILABLE, 0);
        }

        public boolean won() {
            return outcome == Outcome.WON;
        }
    }

    enum Outcome {
        WON,
        /** Another version is current, or the state ended, expired or is gone. */
        LOST,
        UNAVAILABLE
    }
}
