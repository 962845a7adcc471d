package io.tlsuite.sessionstore.api;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.kafka.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads tls.sessions from the start of the embedded broker, for assertions on what was published.
 */
final class SessionTopic {

    /** One raw record: its key and JSON value. */
    record Raw(String key, String json) {}

    private SessionTopic() {}

    /** Every record of the topic so far (waits until {@code done} holds or the timeout passes). */
    static List<Raw> read(Predicate<List<Raw>> done, Duration timeout) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedBroker.get().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.SESSIONS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Raw> all = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    all.add(new Raw(r.key(), new String(r.value(), StandardCharsets.UTF_8)));
                }
                if (done.test(all)) {
                    break;
                }
            }
            return all;
        }
    }

    /** The typed events of one session, in order. */
    static List<EventEnvelope> of(List<Raw> raws, String sessionId) {
        return raws.stream()
                .filter(r -> sessionId.equals(r.key()))
                .map(r -> EventCodec.deserialize(r.json().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    static Predicate<List<Raw>> hasTypes(String sessionId, String... types) {
        return raws -> {
            List<String> seen = of(raws, sessionId).stream().map(EventEnvelope::type).toList();
            for (String t : types) {
                if (!seen.contains(t)) {
                    return false;
                }
            }
            return true;
        };
    }
}
