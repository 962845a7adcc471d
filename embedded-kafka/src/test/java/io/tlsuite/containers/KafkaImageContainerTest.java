package io.tlsuite.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.events.kafka.EventEnvelopeSerializer;
import io.tlsuite.events.session.SessionClosed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite's broker image ({@code tlsuite/kafka}) as a container: configured the way the compose
 * file configures it (apache/kafka's variables), it creates the suite's topics, carries the suite's
 * CloudEvents both ways, and keeps them across a restart of the container (the Kafka outage drill
 * in small).
 */
@EnabledIfDockerImages("tlsuite/kafka:${version}")
class KafkaImageContainerTest {

    private static SuiteKafkaContainer kafka;
    private static String bootstrap;

    @BeforeAll
    static void start() {
        kafka = new SuiteKafkaContainer();
        kafka.start();
        bootstrap = kafka.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void theImageCreatesTheSuiteTopicsWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
        }
    }

    @Test
    void suiteEventsGoThroughAndSurviveARestartOfTheContainer() throws Exception {
        String session = "container-" + UUID.randomUUID();
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(
                    EventCodec.envelope(
                            new SessionClosed(session, "client", "round " + i),
                            "/tlsuite/test/container"));
        }
        produce(sent.subList(0, 2));

        // Stop and start the same container (its log directory is in the container's volume).
        kafka.restart(Duration.ofSeconds(30));
        produce(sent.subList(2, 3)); // the producer waits for the broker (max.block.ms)

        List<EventEnvelope> received = consumeSession(session, sent.size());
        assertThat(received.stream().map(EventEnvelope::id))
                .containsExactlyElementsOf(sent.stream().map(EventEnvelope::id).toList());
        assertThat(received.stream().map(e -> ((SessionClosed) e.data()).reason()))
                .containsExactly("round 0", "round 1", "round 2");
    }

    private static void produce(List<EventEnvelope> events) throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        120_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        120_000);
        try (KafkaProducer<String, EventEnvelope> producer =
                new KafkaProducer<>(
                        config, new StringSerializer(), new EventEnvelopeSerializer())) {
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(e.topic(), e.subject(), e))
                        .get(2, TimeUnit.MINUTES);
            }
        }
    }

    private static List<EventEnvelope> consumeSession(String session, int expected) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "container-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        List<EventEnvelope> received = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer =
                new KafkaConsumer<>(
                        config, new StringDeserializer(), new EventEnvelopeDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, EventEnvelope> r :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (session.equals(r.key())) {
                        received.add(r.value());
                    }
                }
            }
        }
        return received;
    }
}
