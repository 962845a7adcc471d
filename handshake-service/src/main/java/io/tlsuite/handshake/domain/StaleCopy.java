package io.tlsuite.handshake.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.handshake.replicas.EngineStateStore.Outcome;
import io.tlsuite.handshake.replicas.EngineStateStore.Write;

/**
 * A step ran on this replica's cached engine without first asking the store whether that engine was
 * current, and the store refused the write that followed: the cached copy was stale (another
 * replica advanced or ended it), or lost a race. The step's answer, engine and events are dropped;
 * the caller reads the stored state and runs the step once more on it, exactly as if the request
 * had arrived after the other write. Never reaches a client.
 */
final class StaleCopy extends RuntimeException {
    private StaleCopy() {
        super("the cached engine was not current", null, false, false);
    }

    /**
     * Throws when a write of an unconfirmed step was refused because another version is current.
     */
    static void throwIfStale(boolean unconfirmed, Write w) {
        if (unconfirmed && w.outcome() == Outcome.LOST) {
            throw new StaleCopy();
        }
    }

    /** The count of stale copies caught, for {@code state} {@code handshake} or {@code session}. */
    static Counter counter(MeterRegistry meters, String state) {
        return Counter.builder("handshake.rest.stale_copies")
                .description(
                        "steps that ran on a cached engine the store said was not current"
                                + " (answered again from the stored state)")
                .tag("state", state)
                .register(meters);
    }
}
