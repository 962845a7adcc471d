package io.tlsuite.events.session;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;

/** Events of the session store, on {@value Topics#SESSIONS}. */
public sealed interface SessionEvent extends LifecycleEvent
        permits SessionCreated,
                SessionResumed,
                SessionClosed,
                SessionExpired,
                SessionTerminated,
                SessionKeysDestroyed,
                SessionKeysAccessDenied {

    String sessionId();

    @Override
    default String aggregateId() {
        return sessionId();
    }

    @Override
    default String topic() {
        return Topics.SESSIONS;
    }
}
