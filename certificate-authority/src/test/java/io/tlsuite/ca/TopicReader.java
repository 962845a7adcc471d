package io.tlsuite.ca;

import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code tls.certificates} from the beginning, as an independent consumer would. */
final class TopicReader implements AutoCloseable {

    record Received(String key, EventEnvelope envelope) {}

    private final KafkaConsumer<String, EventEnvelope> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    TopicReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ca-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer =
                new KafkaConsumer<>(
                        props, new StringDeserializer(), new EventEnvelopeDeserializer());
        consumer.subscribe(List.of(Topics.CERTIFICATES));
    }

    /** Polls once and returns everything received so far. */
    List<Received> poll() {
        for (ConsumerRecord<String, EventEnvelope> r : consumer.poll(Duration.ofMillis(500))) {
            received.add(new Received(r.key(), r.value()));
        }
        return received;
    }

    /** Event types received for one aggregate id (serial), in order. */
    List<String> typesFor(String subject) {
        return poll().stream()
                .filter(r -> subject.equals(r.key()))
                .map(r -> r.envelope().type())
                .toList();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
