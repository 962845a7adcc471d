package io.tlsuite.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void theSuiteTopicsExist(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.ALL);
            assertThat(
                            admin.describeTopics(Topics.ALL)
                                    .allTopicNames()
                                    .get(10, TimeUnit.SECONDS)
                                    .get(Topics.SESSIONS)
                                    .partitions())
                    .hasSize(3);
        }
    }

    @Test
    void eventsGoThroughTheBrokerKeyedByAggregate(EmbeddedKafkaBroker broker) throws Exception {
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(
                    EventCodec.envelope(
                            new SessionClosed("session-" + (i % 2), "client", "round " + i),
                            "/tlsuite/test/broker"));
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<String, EventEnvelope> producer =
                new KafkaProducer<>(
                        producerProps, new StringSerializer(), new EventEnvelopeSerializer())) {
            for (EventEnvelope e : sent) {
                written.add(
                        producer.send(new ProducerRecord<>(e.topic(), e.subject(), e))
                                .get(10, TimeUnit.SECONDS));
            }
        }
        // One aggregate, one partition: its events stay in order.
        assertThat(written.get(0).partition()).isEqualTo(written.get(2).partition());
        assertThat(written.get(1).partition()).isEqualTo(written.get(3).partition());

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "round-trip-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, EventEnvelope>> received = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> consumer =
                new KafkaConsumer<>(
                        consumerProps, new StringDeserializer(), new EventEnvelopeDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(sent.size());
        assertThat(received)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().data().aggregateId()));
        assertThat(received.stream().map(r -> r.value().id()))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(EventEnvelope::id).toList());
        List<String> session0 =
                received.stream()
                        .filter(r -> r.key().equals("session-0"))
                        .map(r -> ((SessionClosed) r.value().data()).reason())
                        .toList();
        assertThat(session0).containsExactly("round 0", "round 2", "round 4");
    }

    @Test
    void aSecondBrokerOnATakenPortFailsWithAClearMessage(EmbeddedKafkaBroker broker) {
        EmbeddedKafkaBroker clash =
                EmbeddedKafkaBroker.persistent(
                        broker.port(), java.nio.file.Path.of("target", "clash-kafka"));
        assertThatThrownBy(clash::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + broker.port() + " is already in use");
    }
}
