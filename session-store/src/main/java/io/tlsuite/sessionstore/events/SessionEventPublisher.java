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
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends the registry's events to {@code tls.sessions} and keeps the store's metrics: live sessions
 * and tickets, deletions by cause. A failed send is logged (type and session id, nothing else) and
 * counted; the registry never waits for Kafka: events go through a bounded buffer and one sender
 * thread, and the Kafka producer itself buffers while the broker is away.
 */
@ApplicationScoped
public class SessionEventPublisher implements SessionEventSink {

    private static final Logger LOG = Logger.getLogger(SessionEventPublisher.class);

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Counter failed;
    private final Counter dropped;
    private final ThreadPoolExecutor sender;

    /** Events waiting for the sender thread; past this, new ones are dropped and counted. */
    static final int BUFFER = 100_000;

    @Inject
    SessionEventPublisher(EventPublisher publisher, MeterRegistry meters, SessionBackend backend) {
        this.publisher = publisher;
        this.meters = meters;
        this.failed = meters.counter("sessionstore.events.failed");
        this.dropped = meters.counter("sessionstore.events.dropped");
        this.sender =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(BUFFER),
                        r -> {
                            Thread t = new Thread(r, "session-events");
                            t.setDaemon(true);
                            return t;
                        });
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
        try {
            // One sender thread keeps each session's events in order and keeps callers off Kafka
            // (a send blocks up to max.block.ms while the broker is unreachable).
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            dropped.increment();
            LOG.warnf(
                    "Event buffer full: dropped %s of session %s",
                    event.getClass().getSimpleName(), event.sessionId());
        }
    }

    private void send(SessionEvent event) {
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

    @PreDestroy
    void drain() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void ticketEnded(TicketState cause, int count) {
        meters.counter("sessionstore.tickets.deleted", "cause", cause.cause()).increment(count);
    }
}
