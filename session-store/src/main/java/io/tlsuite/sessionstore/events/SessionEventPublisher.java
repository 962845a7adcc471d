package io.tlsuite.sessionstore.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.events.session.SessionEvent;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.sessionstore.domain.SessionEventSink;
import io.tlsuite.sessionstore.domain.TicketState;
import io.tlsuite.sessionstore.store.SessionBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Sends the registry's events to {@code tls.sessions} and keeps the store's metrics: live sessions
 * and tickets, deletions by cause. A failed send is logged (type and session id, nothing else) and
 * counted; the registry never waits for Kafka.
 */
@ApplicationScoped
public class SessionEventPublisher implements SessionEventSink {

    private static final Logger LOG = Logger.getLogger(SessionEventPublisher.class);

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Counter failed;

    @Inject
    SessionEventPublisher(EventPublisher publisher, MeterRegistry meters, SessionBackend backend) {
        this.publisher = publisher;
        this.meters = meters;
        this.failed = meters.counter("sessionstore.events.failed");
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
            meters.counter("sessionstore.sessions.deleted", "cause", destroyed.cause()).increment();
        }
        publisher
                .publish(event)
                .whenComplete(
                        (metadata, error) -> {
                            if (error != null) {
                                failed.increment();
                                LOG.warnf(
                                        "Could not publish %s of session %s: %s",
                                        event.getClass().getSimpleName(),
                                        event.sessionId(),
                                        error.getClass().getSimpleName());
                            }
                        });
    }

    @Override
    public void ticketEnded(TicketState cause, int count) {
        meters.counter("sessionstore.tickets.deleted", "cause", cause.cause()).increment(count);
    }
}
