package io.tlsuite.service.events;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Makes a service's Kafka consumer without making the service wait for its broker, and says how it
 * goes. {@link #make} runs on the consumer's own thread, never at start-up: a consumer whose
 * bootstrap name does not resolve yet (compose: Kafka's container is stopped, so its DNS name is
 * gone) cannot even be constructed, and is made again every {@code pause} until it can be. Once
 * made, the Kafka client reconnects by itself whenever the broker is away, so it is made once.
 * {@link #waiting()} and {@link #lastPollMillis()} feed the readiness checks.
 */
public final class PatientConsumer {
    private static final Logger LOG = Logger.getLogger(PatientConsumer.class);

    private final String name;
    private final Duration pause;
    private volatile String waiting = "not started";
    private volatile int attempts;
    private volatile long lastPollMillis;

    /**
     * @param name what the consumer is for, for the log
     * @param pause between two attempts to make the consumer
     */
    public PatientConsumer(String name, Duration pause) {
        this.name = name;
        this.pause = pause;
    }

    /**
     * The consumer, made now or as soon as it can be; empty if {@code running} turned false first
     * (the service is stopping) or the thread was interrupted.
     *
     * @param factory makes the consumer; may throw a {@link KafkaException} (e.g. "No resolvable
     *     bootstrap urls") while the broker is not there
     */
    public <C extends Consumer<?, ?>> Optional<C> make(
            Supplier<C> factory, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                C consumer = factory.get();
                if (attempts > 0) {
                    LOG.infof("%s: Kafka consumer made after %d failed attempts", name, attempts);
                }
                waiting = null;
                return Optional.of(consumer);
            } catch (KafkaException e) {
                attempts++;
                waiting = "waiting for Kafka: " + rootMessage(e);
                if (attempts == 1) {
                    LOG.warnf("%s: %s; trying again every %d ms", name, waiting, pause.toMillis());
                } else {
                    LOG.debugf("%s: %s (attempt %d)", name, waiting, attempts);
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /** Why the consumer is not made yet; empty once it is. */
    public Optional<String> waiting() {
        return Optional.ofNullable(waiting);
    }

    /** The consumer's thread has polled (whether or not records came). */
    public void polled() {
        lastPollMillis = System.currentTimeMillis();
    }

    /** When the consumer last polled; 0 before its first poll. */
    public long lastPollMillis() {
        return lastPollMillis;
    }

    /** Failed attempts to make the consumer so far. */
    public int failedAttempts() {
        return attempts;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
