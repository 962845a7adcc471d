package io.tlsuite.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.handshake.HandshakeStarted;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Kafka outage drill against a broker of its own: events are buffered, then all delivered. */
class BufferedEventPublisherOutageTest {

    /** With and without letting events gather between hand-overs (the handshake service's 5 ms). */
    @ParameterizedTest(name = "gather {0} ms")
    @ValueSource(ints = {0, 20})
    void eventsSurviveABrokerOutageAndPublishingNeverBlocks(int gatherMs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("hs-outage-");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(port, dir).start();
        broker.createTopics(List.of(Topics.HANDSHAKES), 1, Duration.ofSeconds(30));
        // Short producer timeouts so that the outage outlasts them and our own buffer must keep the
        // events.
        EventPublisher kafka =
                EventPublisher.create(
                        broker.bootstrapServers(),
                        "/tlsuite/test/outage",
                        Map.of(
                                "delivery.timeout.ms",
                                3000,
                                "request.timeout.ms",
                                1000,
                                "linger.ms",
                                0,
                                "reconnect.backoff.max.ms",
                                500));
        BufferedEventPublisher events =
                new BufferedEventPublisher(
                        kafka, 10_000, Duration.ofMillis(gatherMs), new SimpleMeterRegistry());
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            for (int i = 0; i < 5; i++) {
                events.publish(new HandshakeStarted(run + "-before-" + i, "tcp", "test", 0));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> events.published() == 5);

            broker.close();
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                events.publish(new HandshakeStarted(run + "-during-" + i, "tcp", "test", 0));
                worst = Math.max(worst, System.nanoTime() - t);
            }
            assertThat(Duration.ofNanos(worst))
                    .as("publish must not wait for Kafka")
                    .isLessThan(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.retried() > 0);
            assertThat(events.published()).isEqualTo(5);
            assertThat(events.buffered()).isPositive();

            broker.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.published() >= 25 && events.buffered() == 0);
            assertThat(events.dropped()).isZero();

            Set<String> seen = new HashSet<>();
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-" + run);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, EventEnvelope> c =
                    new KafkaConsumer<>(
                            p, new StringDeserializer(), new EventEnvelopeDeserializer())) {
                c.subscribe(List.of(Topics.HANDSHAKES));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (seen.size() < 25 && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(300)).forEach(r -> seen.add(r.key()));
                }
            }
            assertThat(seen).hasSize(25);
        } finally {
            events.close();
            kafka.close();
            broker.close();
        }
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsIt() {
        EventPublisher kafka =
                EventPublisher.create(
                        "localhost:1", "/tlsuite/test/full", Map.of("max.block.ms", 100));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BufferedEventPublisher events = new BufferedEventPublisher(kafka, 10, meters);
        try {
            for (int i = 0; i < 2000; i++) {
                events.publish(new HandshakeStarted("full-" + i, "tcp", "test", 0));
            }
            assertThat(events.dropped()).isPositive();
            assertThat(meters.get("tlsuite.events.dropped").counter().count())
                    .isEqualTo(events.dropped());
        } finally {
            kafka.close();
        }
    }
}
