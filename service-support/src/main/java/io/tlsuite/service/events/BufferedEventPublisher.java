package io.tlsuite.service.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Publishes events without ever making the caller wait on Kafka: {@link #publish} only stamps the
 * envelope (id and time of the fact) and puts it in a bounded buffer; one dispatcher thread hands
 * buffered envelopes to the Kafka producer. A send that fails (broker away past the producer's
 * delivery timeout) goes back to the front of the buffer with the same envelope id, and the
 * dispatcher pauses before trying again, so nothing is lost while the buffer holds. When it is full
 * the oldest event is dropped and counted ({@code tlsuite_events_dropped_total}): under a long
 * outage the newest facts are worth more than the oldest. Events of one aggregate keep their order
 * while the broker is up; a send retried after a failure may land after later ones.
 */
public final class BufferedEventPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BufferedEventPublisher.class);
    private static final int MAX_IN_FLIGHT = 1024;
    private static final long PAUSE_AFTER_FAILURE_MS = 1000;

    private final EventPublisher kafka;
    private final int capacity;
    private final LinkedBlockingDeque<EventEnvelope> buffer;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Counter droppedCounter;
    private final Thread dispatcher;
    private volatile long lastFailureAt;
    private volatile boolean running = true;
    private final long gatherNanos;

    public BufferedEventPublisher(EventPublisher kafka, int capacity, MeterRegistry meters) {
        this(kafka, capacity, Duration.ZERO, meters);
    }

    /**
     * @param gather how long the dispatcher lets events gather after it has handed over what was
     *     buffered, before it looks again: zero wakes it for every event; a few milliseconds spare
     *     a service that publishes many events per second a thread wake-up per event (the
     *     producer's {@code linger.ms} holds them anyway), at the cost of that much latency
     */
    public BufferedEventPublisher(
            EventPublisher kafka, int capacity, Duration gather, MeterRegistry meters) {
        this.kafka = kafka;
        this.capacity = capacity;
        this.gatherNanos = gather.toNanos();
        this.buffer = new LinkedBlockingDeque<>();
        this.droppedCounter =
                Counter.builder("tlsuite.events.dropped")
                        .description(
                                "Events dropped because the buffer was full (Kafka away too long)")
                        .register(meters);
        meters.gauge("tlsuite.events.buffered", this, BufferedEventPublisher::buffered);
        meters.gauge("tlsuite.events.published", published, AtomicLong::get);
        meters.gauge("tlsuite.events.retried", retried, AtomicLong::get);
        this.dispatcher = new Thread(this::dispatch, "events-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Stamps and buffers the event; returns at once. */
    public void publish(LifecycleEvent event) {
        EventEnvelope envelope;
        try {
            envelope = EventCodec.envelope(event, kafka.source());
        } catch (RuntimeException e) {
            LOG.errorf(
                    "cannot wrap event %s: %s", event.getClass().getSimpleName(), e.getMessage());
            return;
        }
        while (buffer.size() >= capacity) {
            if (buffer.pollFirst() != null) {
                dropped.incrementAndGet();
                droppedCounter.increment();
            }
        }
        buffer.offerLast(envelope);
    }

    private void dispatch() {
        while (running || !buffer.isEmpty()) {
            try {
                long sinceFailure = System.currentTimeMillis() - lastFailureAt;
                if (sinceFailure < PAUSE_AFTER_FAILURE_MS) {
                    Thread.sleep(PAUSE_AFTER_FAILURE_MS - sinceFailure);
                }
                EventEnvelope next = buffer.pollFirst(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                hand(next);
                // Hand over whatever else waits, unless a send has just failed (then pause first).
                while (System.currentTimeMillis() - lastFailureAt >= PAUSE_AFTER_FAILURE_MS) {
                    next = buffer.pollFirst();
                    if (next == null) {
                        break;
                    }
                    hand(next);
                }
                if (gatherNanos > 0 && running) {
                    LockSupport.parkNanos(gatherNanos);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("event dispatch failed: %s", e.getMessage());
            }
        }
    }

    /** Gives one envelope to the producer; a failed send goes back to the front of the buffer. */
    private void hand(EventEnvelope next) throws InterruptedException {
        inFlight.acquire();
        kafka.publish(next)
                .whenComplete(
                        (metadata, error) -> {
                            inFlight.release();
                            if (error == null) {
                                published.incrementAndGet();
                            } else {
                                retried.incrementAndGet();
                                lastFailureAt = System.currentTimeMillis();
                                if (!buffer.offerFirst(next)) {
                                    dropped.incrementAndGet();
                                    droppedCounter.increment();
                                }
                            }
                        });
    }

    /** Events waiting for Kafka. */
    public int buffered() {
        return buffer.size() + (MAX_IN_FLIGHT - inFlight.availablePermits());
    }

    public long published() {
        return published.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long retried() {
        return retried.get();
    }

    /** Sends what is buffered, waiting up to a few seconds, then stops. */
    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + 5000;
        while (buffered() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        dispatcher.interrupt();
        if (buffered() > 0) {
            LOG.warnf("%d events not delivered at shutdown", buffered());
        }
    }
}
