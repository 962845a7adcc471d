package io.tlsuite.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import io.tlsuite.kafka.LateKafkaBrokerTestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboard starts while nothing listens at its Kafka address (compose: the broker's container
 * comes up later): it is live and serves its page, its readiness says the reader has no partitions,
 * and once a real broker appears at that address an event published there is shown, without a
 * restart.
 */
@QuarkusTest
@WithTestResource(LateKafkaBrokerTestResource.class)
class LateBrokerTest {

    @Test
    void startsWithoutKafkaAndShowsEventsOnceTheBrokerComes() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200).body(containsString("TLS lifecycle"));
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("Kafka topic reader"));

        EmbeddedKafkaBroker broker = LateKafkaBrokerTestResource.startBroker();
        String handshake = "hs-" + UUID.randomUUID();
        try (EventPublisher publisher =
                EventPublisher.create(broker.bootstrapServers(), "/tlsuite/test/late", Map.of())) {
            publisher
                    .publish(
                            new HandshakeFailed(
                                    handshake,
                                    "decrypt_error",
                                    "server",
                                    "WAIT_FINISHED",
                                    "bad MAC",
                                    7))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () ->
                                given().queryParam("subject", handshake)
                                        .get("/api/v1/events")
                                        .then()
                                        .statusCode(200)
                                        .body("type", is(List.of("tls.handshake.failed"))));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                given().get("/q/health/ready")
                                        .then()
                                        .body(
                                                "checks.find { it.name == 'Kafka topic reader' }.status",
                                                equalTo("UP")));
    }
}
