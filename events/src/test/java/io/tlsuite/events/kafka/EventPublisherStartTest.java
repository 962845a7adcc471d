package io.tlsuite.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.session.SessionExpired;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A service starts while its broker's name does not resolve (compose: Kafka's container stopped),
 * and publishes once it does: the producer is made at a send, not at start.
 */
class EventPublisherStartTest {

    private static final SessionExpired EVENT = new SessionExpired("s-1", Instant.now());

    @Test
    void aBrokerWhoseNameDoesNotResolveFailsTheSendNotTheStart() throws Exception {
        EventPublisher publisher =
                EventPublisher.create(
                        "kafka.does-not-resolve.invalid:9092", "/tlsuite/test/a", Map.of());
        try {
            var failed = publisher.publish(EVENT).toCompletableFuture();
            assertThat(failed)
                    .failsWithin(10, TimeUnit.SECONDS)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(KafkaException.class))
                    .havingRootCause()
                    .withMessageContaining("resolvable");
            // at once again, without a new attempt within RETRY_AFTER
            assertThat(publisher.publish(EVENT).toCompletableFuture()).isCompletedExceptionally();
            assertThat(publisher.failedCount()).isEqualTo(2);
        } finally {
            assertThatCode(publisher::close).doesNotThrowAnyException();
        }
    }

    @Test
    void theProducerIsMadeAgainOnceItCanBe() {
        AtomicInteger attempts = new AtomicInteger();
        MockProducer<String, EventEnvelope> mock =
                new MockProducer<>(
                        true, null, new StringSerializer(), new EventEnvelopeSerializer());
        EventPublisher publisher =
                new EventPublisher(
                        () -> {
                            if (attempts.incrementAndGet() < 3) {
                                throw new ConfigException("No resolvable bootstrap urls given");
                            }
                            return (Producer<String, EventEnvelope>) mock;
                        },
                        Duration.ZERO,
                        "/tlsuite/test/b");
        assertThat(publisher.publish(EVENT).toCompletableFuture()).isCompletedExceptionally();
        assertThat(publisher.publish(EVENT).toCompletableFuture()).isCompletedExceptionally();
        assertThat(publisher.publish(EVENT).toCompletableFuture().join()).isNotNull();
        assertThat(publisher.publish(EVENT).toCompletableFuture().join()).isNotNull();
        assertThat(attempts).hasValue(3); // made once it could be, then kept
        assertThat(mock.history()).hasSize(2);
        assertThat(mock.history().get(0).value().data()).isEqualTo(EVENT);
        publisher.close();
        assertThat(mock.closed()).isTrue();
        assertThat(publisher.publish(EVENT).toCompletableFuture())
                .failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class);
    }
}
