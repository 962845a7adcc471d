package io.tlsuite.events.kafka;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.LifecycleEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes lifecycle events to their topic, keyed by aggregate id, as CloudEvents. Sending never
 * blocks the caller for long: the Kafka producer buffers records while the broker is away (up to
 * {@code delivery.timeout.ms}); callers that must not lose an event past that use an outbox and
 * retry on the returned stage's failure.
 *
 * <p>The producer is made at the first send, and made again at a later send while that fails: a
 * service whose broker's name does not resolve yet (its container stopped, DNS not there) starts
 * anyway, and its sends fail (into the caller's buffer or outbox) until the name resolves.
 */
public final class EventPublisher implements AutoCloseable {

    /** How long after a failed attempt to make the producer the next one is made. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Supplier<Producer<String, EventEnvelope>> factory;
    private final Duration retryAfter;
    private final String source;
    private final AtomicLong failed = new AtomicLong();
    private volatile Producer<String, EventEnvelope> producer;
    private RuntimeException lastAttempt;
    private long lastAttemptNanos;
    private boolean closed;

    public EventPublisher(Producer<String, EventEnvelope> producer, String source) {
        this(() -> producer, Duration.ZERO, source);
    }

    EventPublisher(
            Supplier<Producer<String, EventEnvelope>> factory, Duration retryAfter, String source) {
        this.factory = factory;
        this.retryAfter = retryAfter;
        this.source = source;
    }

    /**
     * A publisher with an idempotent, acks=all producer.
     *
     * @param source the CloudEvents source of this service instance, e.g. {@code
     *     /tlsuite/certificate-authority/host-1}
     * @param overrides extra producer properties
     */
    public static EventPublisher create(
            String bootstrapServers, String source, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(2).toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tlsuite" + source.replace('/', '-'));
        props.putAll(overrides);
        return new EventPublisher(
                () ->
                        new KafkaProducer<>(
                                props, new StringSerializer(), new EventEnvelopeSerializer()),
                RETRY_AFTER,
                source);
    }

    /** The producer, made now if it is not yet; throws while it cannot be made. */
    private Producer<String, EventEnvelope> producer() {
        Producer<String, EventEnvelope> p = producer;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (producer != null) {
                return producer;
            }
            if (closed) {
                throw new IllegalStateException("the event publisher is closed");
            }
            if (lastAttempt != null
                    && System.nanoTime() - lastAttemptNanos < retryAfter.toNanos()) {
                throw lastAttempt;
            }
            lastAttemptNanos = System.nanoTime();
            try {
                producer = factory.get();
                lastAttempt = null;
                return producer;
            } catch (KafkaException e) {
                // e.g. "No resolvable bootstrap urls": the broker's name does not resolve yet
                lastAttempt = e;
                throw e;
            }
        }
    }

    /** Wraps the event in a new envelope from this publisher's source and sends it. */
    public CompletionStage<RecordMetadata> publish(LifecycleEvent event) {
        return publish(EventCodec.envelope(event, source));
    }

    /** Sends an envelope made earlier (e.g. read back from an outbox), keeping its id. */
    public CompletionStage<RecordMetadata> publish(EventEnvelope envelope) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer()
                    .send(
                            new ProducerRecord<>(envelope.topic(), envelope.subject(), envelope),
                            (metadata, error) -> {
                                if (error == null) {
                                    result.complete(metadata);
                                } else {
                                    failed.incrementAndGet();
                                    result.completeExceptionally(error);
                                }
                            });
        } catch (RuntimeException e) {
            // e.g. metadata not available within max.block.ms while the broker is down
            failed.incrementAndGet();
            result.completeExceptionally(e);
        }
        return result;
    }

    public String source() {
        return source;
    }

    /** Sends that failed since start. */
    public long failedCount() {
        return failed.get();
    }

    @Override
    public void close() {
        Producer<String, EventEnvelope> p;
        synchronized (this) {
            closed = true;
            p = producer;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
