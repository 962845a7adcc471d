package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.store.OutboxRepository;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.Topics;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.service.testing.TopicReader;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An event the broker can never take (here 2 MiB, over the producer's 1 MiB request limit) must not
 * wedge the outbox: it moves to {@code outbox_dead_letter}, and the events written after it still
 * reach Kafka. Before the dead letters, the relay stopped at it every round, for ever.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class OutboxDeadLetterTest {

    @Inject OutboxRepository outbox;

    @Test
    void anEventKafkaRefusesForGoodIsMovedAsideAndTheOthersGoOn() {
        long deadBefore = outbox.countDeadLetters();
        try (TopicReader reader =
                TopicReader.of(SharedBroker.get().bootstrapServers(), Topics.CERTIFICATES)) {
            String huge = "x".repeat(2 * 1024 * 1024);
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    outbox.append(
                                            EventCodec.envelope(
                                                    new CertificateRevoked(
                                                            "0badbadbad",
                                                            huge,
                                                            "keyCompromise",
                                                            Instant.now()),
                                                    "/tlsuite/certificate-authority/test")));

            String serial =
                    CaApi.issueOk(
                                    TestCsr.csr(KeyType.EC_P256, "after.test", "DNS:after.test"),
                                    "server")
                            .path("serial");

            assertThat(
                            reader.awaitEventsOf(
                                    serial,
                                    events ->
                                            events.stream()
                                                    .anyMatch(
                                                            e ->
                                                                    e.type()
                                                                            .equals(
                                                                                    "tls.certificate.issued")),
                                    Duration.ofSeconds(30)))
                    .as("the event written after the refused one reached Kafka")
                    .isNotEmpty();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> {
                                assertThat(outbox.countDeadLetters()).isEqualTo(deadBefore + 1);
                                assertThat(outbox.countUnsent()).isZero();
                            });
            assertThat(reader.typesOf("0badbadbad")).isEmpty();
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("tlsuite_ca_outbox_dead_letters_total\\S* [1-9]");
    }
}
