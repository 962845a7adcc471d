package io.tlsuite.events.session;

import io.tlsuite.events.EventType;

/**
 * The store zeroised and dropped every key of a session: the proof the keys are gone.
 *
 * @param cause {@code closed}, {@code expired} or {@code terminated}
 * @param keysDestroyed how many key arrays were zeroised
 * @param bytesZeroised how many bytes were overwritten
 */
@EventType("session.keys-destroyed")
public record SessionKeysDestroyed(
        String sessionId, String cause, int keysDestroyed, long bytesZeroised)
        implements SessionEvent {}
