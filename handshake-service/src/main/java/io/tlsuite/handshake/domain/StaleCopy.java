package io.tlsuite.handshake.domain;

/**
 * A step ran on this replica's cached engine without first asking the store whether that engine was
 * current, and the store refused the write that followed: the cached copy was stale (another
 * replica advanced or ended it), or lost a race. The step's answer, engine and events are dropped;
 * the caller reads the stored state and runs the step once more on it, exactly as if the request
 * had arrived after the other write. Never reaches a client.
 */
final class StaleCopy extends RuntimeException {
    StaleCopy() {
        super("the cached engine was not current", null, false, false);
    }
}
