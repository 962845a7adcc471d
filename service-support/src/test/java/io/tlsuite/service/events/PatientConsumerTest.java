package io.tlsuite.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A consumer whose broker's name does not resolve (compose: Kafka's container is stopped) cannot be
 * constructed at all; the service must start anyway and make it once the name resolves.
 */
class PatientConsumerTest {

    private static Consumer<String, String> unresolvable() {
        return new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers", "kafka.does-not-resolve.invalid:9092",
                        "group.id", "g"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    @Test
    void aConsumerIsMadeOnceItsBrokersNameResolves() {
        AtomicInteger attempts = new AtomicInteger();
        MockConsumer<String, String> mock =
                new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        PatientConsumer patient = new PatientConsumer("test", Duration.ofMillis(10));
        assertThat(patient.waiting()).contains("not started");

        Optional<Consumer<String, String>> made =
                patient.make(
                        () -> attempts.incrementAndGet() < 3 ? unresolvable() : mock, () -> true);

        assertThat(made).containsSame(mock);
        assertThat(attempts).hasValue(3);
        assertThat(patient.failedAttempts()).isEqualTo(2);
        assertThat(patient.waiting()).isEmpty();
        assertThat(patient.lastPollMillis()).isZero();
        patient.polled();
        assertThat(patient.lastPollMillis()).isPositive();
    }

    @Test
    void whileItCannotBeMadeItSaysWhyAndStopsWhenTheServiceDoes() throws Exception {
        PatientConsumer patient = new PatientConsumer("test", Duration.ofMillis(20));
        AtomicBoolean running = new AtomicBoolean(true);
        var made =
                CompletableFuture.supplyAsync(
                        () -> patient.make(PatientConsumerTest::unresolvable, running::get));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> patient.failedAttempts() >= 2);
        assertThat(patient.waiting())
                .get()
                .asString()
                .startsWith("waiting for Kafka: ")
                .contains("resolvable");
        running.set(false);
        assertThat(made.get(30, TimeUnit.SECONDS)).isEmpty();
    }
}
