package io.tlsuite.handshake.support;

import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.kafka.SharedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code tls.handshakes} from the test broker, from the beginning. */
public final class HandshakeTopic {
    private HandshakeTopic() {}

    /**
     * Envelopes keyed by {@code handshakeId}, polling until {@code done} holds or the time is up.
     */
    public static List<EventEnvelope> events(
            String bootstrap,
            String handshakeId,
            Predicate<List<EventEnvelope>> done,
            Duration timeout) {
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, EventEnvelope> c = fromTheBeginning(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(out)) {
                for (var r : c.poll(Duration.ofMillis(300))) {
                    if (handshakeId.equals(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /** The handshake id whose {@code handshake.completed} event names this session id. */
    public static String handshakeIdOfSession(
            String bootstrap, String sessionId, Duration timeout) {
        try (KafkaConsumer<String, EventEnvelope> c = fromTheBeginning(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(300))) {
                    if (r.value().data()
                                    instanceof io.tlsuite.events.handshake.HandshakeCompleted done
                            && sessionId.equals(done.sessionId())) {
                        return done.handshakeId();
                    }
                }
            }
        }
        throw new AssertionError("no handshake.completed for session " + sessionId);
    }

    /** A new consumer group on {@code tls.handshakes}, reading from the first offset. */
    private static KafkaConsumer<String, EventEnvelope> fromTheBeginning(String bootstrap) {
        Properties p = new Properties();
        p.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap == null ? SharedBroker.get().bootstrapServers() : bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, EventEnvelope> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new EventEnvelopeDeserializer());
        c.subscribe(List.of(Topics.HANDSHAKES));
        return c;
    }
}
