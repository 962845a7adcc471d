package io.tlsuite.sessionstore.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.events.session.SessionEvent;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.service.events.BufferedEventPublisher;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.tlsuite.sessionstore.domain.SessionEventSink;
import io.tlsuite.sessionstore.domain.TicketState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the registry's events to {@code tls.sessions} through the service's buffered publisher
 * (never making the registry wait on Kafka; retried while the broker is away, oldest dropped and
 * counted only when the buffer is full), and keeps the store's metrics: live sessions and tickets,
 * deletions by cause.
 */
@ApplicationScoped
public class SessionEventPublisher implements SessionEventSink {

    private final BufferedEventPublisher events;
    private final MeterRegistry meters;

    /** {@code sessionstore.sessions.deleted} by cause, looked up once per cause, not per event. */
    private final Map<String, Counter> deleted = new ConcurrentHashMap<>();

    @Inject
    SessionEventPublisher(
            BufferedEventPublisher events, MeterRegistry meters, SessionBackend backend) {
        this.events = events;
        this.meters = meters;
        Gauge.builder("sessionstore.sessions.live", backend, SessionBackend::liveSessions)
                .description("Active sessions holding key material")
                .register(meters);
        Gauge.builder("sessionstore.tickets.live", backend, SessionBackend::liveTickets)
                .description("Valid resumption tickets")
                .register(meters);
    }

    @Override
    public void publish(SessionEvent event) {
        if (event instanceof SessionKeysDestroyed destroyed) {
            deleted.computeIfAbsent(
                            destroyed.cause(),
                            cause ->
                                    meters.counter("sessionstore.sessions.deleted", "cause", cause))
                    .increment();
        }
        events.publish(event);
    }

    @Override
    public void ticketEnded(TicketState cause, int count) {
        meters.counter("sessionstore.tickets.deleted", "cause", cause.cause()).increment(count);
    }
}
