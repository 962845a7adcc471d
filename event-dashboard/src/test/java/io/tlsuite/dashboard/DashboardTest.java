package io.tlsuite.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DashboardTest {

    @Test
    void isReadyAndServesItsPageOpenApiAndMetrics() {
        // Ready once the consumer has joined its group, a moment after start.
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () ->
                                given().get("/q/health/ready")
                                        .then()
                                        .statusCode(200)
                                        .body("status", is("UP"))
                                        .body("checks.name", hasItem(containsString("Kafka"))));
        given().get("/").then().statusCode(200).body(containsString("TLS lifecycle"));
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/events"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void showsEventsPublishedToTheBrokerAndSkipsForeignRecords() throws Exception {
        String handshake = "hs-" + UUID.randomUUID();
        String session = "s-" + UUID.randomUUID();
        try (EventPublisher publisher =
                        EventPublisher.create(
                                SharedBroker.get().bootstrapServers(),
                                "/tlsuite/test/1",
                                Map.of());
                KafkaProducer<byte[], byte[]> raw =
                        new KafkaProducer<>(
                                Map.of("bootstrap.servers", SharedBroker.get().bootstrapServers()),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            raw.send(
                            new ProducerRecord<>(
                                    "tls.handshakes",
                                    "not an event".getBytes(StandardCharsets.UTF_8)))
                    .get();
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
            publisher
                    .publish(new SessionKeysDestroyed(session, "closed", 4, 160))
                    .toCompletableFuture()
                    .get();
        }

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () ->
                                given().queryParam("subject", handshake)
                                        .get("/api/v1/events")
                                        .then()
                                        .statusCode(200)
                                        .body("type", is(List.of("tls.handshake.failed")))
                                        .body("[0].data.alert", is("decrypt_error"))
                                        .body("[0].topic", is("tls.handshakes")));
        // Where the event spent its way: made, taken by the broker, read by the dashboard.
        io.restassured.path.json.JsonPath failed =
                given().queryParam("subject", handshake)
                        .get("/api/v1/events")
                        .then()
                        .extract()
                        .jsonPath();
        java.time.Instant made = java.time.Instant.parse(failed.getString("[0].time"));
        java.time.Instant recorded = java.time.Instant.parse(failed.getString("[0].recordedAt"));
        java.time.Instant received = java.time.Instant.parse(failed.getString("[0].receivedAt"));
        org.assertj.core.api.Assertions.assertThat(recorded)
                .isBetween(made.minusSeconds(5), received.plusMillis(1));
        org.assertj.core.api.Assertions.assertThat(received)
                .isBetween(made.minusSeconds(5), java.time.Instant.now());

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> {
                            JsonPath sessions =
                                    given().queryParam("topic", "tls.sessions")
                                            .get("/api/v1/events")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath();
                            org.assertj.core.api.Assertions.assertThat(sessions.getList("subject"))
                                    .contains(session);
                        });
        given().get("/api/v1/stats")
                .then()
                .statusCode(200)
                .body(
                        "byType.'tls.handshake.failed'",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aLimitOutOfRangeIsAProblemNotAnError() {
        given().queryParam("limit", 0)
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/invalid-request"))
                .body("detail", containsString("limit"));
        given().queryParam("limit", "many")
                .get("/api/v1/events")
                .then()
                .statusCode(
                        org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                                .and(org.hamcrest.Matchers.lessThan(500)));
    }
}
