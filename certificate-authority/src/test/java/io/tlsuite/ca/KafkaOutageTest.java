package io.tlsuite.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.store.OutboxRepository;
import io.tlsuite.events.Topics;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import io.tlsuite.service.testing.TopicReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox under a Kafka outage: the CA starts with no broker, keeps issuing, and
 * every event arrives once a broker listens on the configured port; then the broker stops and comes
 * back with its data, and the events issued meanwhile arrive too.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaOutageTest.AbsentBroker.class)
class KafkaOutageTest {

    /** Points the CA at a port where no broker runs yet; the test starts and stops it. */
    public static class AbsentBroker implements QuarkusTestResourceLifecycleManager {
        static int port;

        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("kafka.bootstrap.servers", "localhost:" + port);
        }

        @Override
        public void stop() {}
    }

    @Inject OutboxRepository outbox;

    @Test
    void issuanceGoesOnWhileKafkaIsDownAndNoEventIsLost() throws Exception {
        long started = System.nanoTime();
        String first =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "down.test", "DNS:down.test"), "server")
                        .path("serial");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Thread.sleep(3000);
        assertThat(outbox.countUnsent()).as("events wait in the outbox").isGreaterThanOrEqualTo(3);

        Path data = Files.createTempDirectory("ca-outage-kafka");
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.persistent(AbsentBroker.port, data).start();
        try (TopicReader reader = TopicReader.of(broker.bootstrapServers(), Topics.CERTIFICATES)) {
            broker.createTopics(java.util.List.of(Topics.CERTIFICATES), 3, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(reader.typesOf(first))
                                            .containsExactly("tls.certificate.issued"));
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.countUnsent() == 0);

            broker.close();
            String second =
                    CaApi.issueOk(
                                    TestCsr.csr(KeyType.EC_P256, "down2.test", "DNS:down2.test"),
                                    "server")
                            .path("serial");
            CaApi.revoke(second, "keyCompromise").then().statusCode(200);
            Thread.sleep(2000);
            assertThat(outbox.countUnsent()).isGreaterThanOrEqualTo(1);

            broker = EmbeddedKafkaBroker.persistent(AbsentBroker.port, data).start();
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () ->
                                    assertThat(reader.typesOf(second))
                                            .containsExactly(
                                                    "tls.certificate.issued",
                                                    "tls.certificate.revoked"));
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.countUnsent() == 0);
            assertThat(reader.typesOf(first)).containsExactly("tls.certificate.issued");
        } finally {
            broker.close();
        }
    }
}
