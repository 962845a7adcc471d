package io.tlsuite.service.testing;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.kafka.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its first offset, as an independent consumer would, and keeps what it read:
 * each record's key, its raw JSON (for checks on what went over the wire, e.g. that no secret did)
 * and the decoded envelope. No consumer group: partitions are assigned directly, so a reader starts
 * without waiting for a rebalance.
 */
public final class TopicReader implements AutoCloseable {

    /** One record as it was on the topic. */
    public record Received(String key, String json) {
        public EventEnvelope envelope() {
            return EventCodec.deserialize(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<Received> received = new ArrayList<>();

    private TopicReader(String bootstrapServers, String topic) {
        consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        this.topic = topic;
        assignFromTheBeginning(Duration.ofSeconds(30));
    }

    /**
     * Assigns every partition of the topic, from offset 0. A broker that is away, or a topic not
     * created yet, leaves the reader unassigned: the next poll tries again.
     */
    private boolean assignFromTheBeginning(Duration wait) {
        if (!consumer.assignment().isEmpty()) {
            return true;
        }
        List<TopicPartition> partitions;
        try {
            partitions =
                    consumer.partitionsFor(topic, wait).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    /** A reader of {@code topic} on the given broker. */
    public static TopicReader of(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    /** A reader of {@code topic} on the test JVM's shared embedded broker. */
    public static TopicReader of(String topic) {
        return new TopicReader(SharedBroker.get().bootstrapServers(), topic);
    }

    /** Polls once and returns everything read so far, in topic order per partition. */
    public synchronized List<Received> poll() {
        if (!assignFromTheBeginning(Duration.ofMillis(500))) {
            return List.copyOf(received);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
            received.add(new Received(r.key(), new String(r.value(), StandardCharsets.UTF_8)));
        }
        return List.copyOf(received);
    }

    /** Polls until {@code done} holds for everything read, or the time is up; returns it all. */
    public List<Received> await(Predicate<List<Received>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> all = poll();
        while (!done.test(all) && System.nanoTime() < deadline) {
            all = poll();
        }
        return all;
    }

    /** The envelopes of one aggregate (the record key), in order, read so far. */
    public List<EventEnvelope> eventsOf(String key) {
        return of(poll(), key);
    }

    /** The event types of one aggregate, in order, read so far. */
    public List<String> typesOf(String key) {
        return eventsOf(key).stream().map(EventEnvelope::type).toList();
    }

    /** Polls until the aggregate's events satisfy {@code done}, or the time is up. */
    public List<EventEnvelope> awaitEventsOf(
            String key, Predicate<List<EventEnvelope>> done, Duration timeout) {
        return of(await(all -> done.test(of(all, key)), timeout), key);
    }

    /** The envelopes of one aggregate among {@code records}. */
    public static List<EventEnvelope> of(List<Received> records, String key) {
        List<EventEnvelope> out = new ArrayList<>();
        for (Received r : records) {
            if (key.equals(r.key())) {
                out.add(r.envelope());
            }
        }
        return out;
    }

    /** Holds once the aggregate has an event of each of the given types. */
    public static Predicate<List<Received>> hasTypes(String key, String... types) {
        return records -> {
            List<String> seen = of(records, key).stream().map(EventEnvelope::type).toList();
            return seen.containsAll(List.of(types));
        };
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
