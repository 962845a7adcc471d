package io.tlsuite.ca.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.store.OutboxRepository;
import io.tlsuite.ca.store.OutboxRepository.PendingEvent;
import io.tlsuite.events.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends outbox events to Kafka and marks them sent once the broker acknowledged them. While the
 * broker is away nothing is marked, so every event is retried until it arrives (at least once:
 * consumers deduplicate by the CloudEvents id, which the retry keeps). An event the broker refuses
 * for good (see {@link RefusedForGood}) is moved to {@code outbox_dead_letter} with a metric and a
 * log line, so it cannot hold back the events written after it.
 */
@Startup
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final int batchSize;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Refused> refused = new ConcurrentLinkedQueue<>();
    private final Counter deadLetters;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean brokerDown;
    private volatile boolean storeDown;

    OutboxRelay(
            OutboxRepository outbox,
            EventPublisher publisher,
            CaConfig config,
            MeterRegistry metrics) {
        this.outbox = outbox;
        Gauge.builder("tlsuite.ca.outbox.pending", backlog, AtomicLong::get)
                .description("events written but not yet acknowledged by Kafka")
                .strongReference(true)
                .register(metrics);
        this.deadLetters =
                Counter.builder("tlsuite.ca.outbox.dead.letters")
                        .description(
                                "events the broker refused for good, moved to outbox_dead_letter")
                        .register(metrics);
        this.publisher = publisher;
        this.batchSize = config.outbox().batchSize();
    }

    @Scheduled(
            every = "${tlsuite.ca.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            relayOnce();
            if (storeDown) {
                storeDown = false;
                LOG.info("The outbox is readable again");
            }
        } catch (RuntimeException e) {
            // Database away (or the application stopping): events stay where they are.
            if (!storeDown) {
                storeDown = true;
                LOG.warnf("Cannot read the outbox (%s); retrying", e.toString());
            }
        }
    }

    /** An event the broker refused for good, waiting to be moved aside. */
    private record Refused(PendingEvent event, String reason) {}

    private void relayOnce() {
        markAcknowledged();
        moveRefusedAside();
        List<PendingEvent> pending = outbox.unsent(batchSize);
        for (PendingEvent event : pending) {
            if (!inFlight.add(event.id())) {
                continue;
            }
            CompletableFuture<?> sent = publisher.publish(event.envelope()).toCompletableFuture();
            sent.whenComplete(
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(event.id());
                        } else if (RefusedForGood.reason(error).isPresent()) {
                            // stays in flight until moved aside: never sent again
                            refused.add(new Refused(event, RefusedForGood.reason(error).get()));
                        } else {
                            inFlight.remove(event.id());
                            noteBrokerDown(error);
                        }
                    });
            if (sent.isCompletedExceptionally()
                    && RefusedForGood.reason(sent.handle((m, e) -> e).join()).isPresent()) {
                continue; // this one is moved aside below; the next ones go on
            }
            if (sent.isCompletedExceptionally()) {
                // Kafka refused at once (no metadata within max.block.ms): try again next round
                // rather than block on every pending event.
                break;
            }
        }
        markAcknowledged();
        moveRefusedAside();
        backlog.set(outbox.countUnsent());
    }

    private void moveRefusedAside() {
        Refused r;
        while ((r = refused.poll()) != null) {
            Refused each = r;
            try {
                QuarkusTransaction.requiringNew()
                        .run(
                                () ->
                                        outbox.moveToDeadLetter(
                                                each.event().id(), each.reason(), Instant.now()));
            } catch (RuntimeException e) {
                refused.add(each); // the database is away: next round
                throw e;
            }
            inFlight.remove(each.event().id());
            deadLetters.increment();
            // The type and ids only: the payload may hold anything a caller sent.
            LOG.errorf(
                    "Kafka refused outbox event %d (%s, id %s) for good (%s): moved to"
                            + " outbox_dead_letter; the events after it go on",
                    each.event().id(),
                    each.event().envelope().type(),
                    each.event().envelope().id(),
                    each.reason());
        }
    }

    private void markAcknowledged() {
        List<Long> ids = new ArrayList<>();
        Long id;
        while ((id = acknowledged.poll()) != null) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.markSent(ids, Instant.now()));
        inFlight.removeAll(ids);
        if (brokerDown) {
            brokerDown = false;
            LOG.info("Kafka is reachable again: relaying the outbox");
        }
    }

    private void noteBrokerDown(Throwable error) {
        if (!brokerDown) {
            brokerDown = true;
            LOG.warnf(
                    "Cannot publish to Kafka (%s); events stay in the outbox and are retried",
                    error.getClass().getSimpleName());
        }
    }
}
