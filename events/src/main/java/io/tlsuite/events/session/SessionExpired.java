package io.tlsuite.events.session;

import io.tlsuite.events.EventType;
import java.time.Instant;

/** A session outlived its lifetime and was removed without anyone asking. */
@EventType("session.expired")
public record SessionExpired(String sessionId, Instant expiredAt) implements SessionEvent {}
