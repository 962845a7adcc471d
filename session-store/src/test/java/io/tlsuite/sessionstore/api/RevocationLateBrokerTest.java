package io.tlsuite.sessionstore.api;

import static io.restassured.RestAssured.given;
import static io.tlsuite.sessionstore.api.SessionApiContract.create;
import static io.tlsuite.sessionstore.api.SessionApiContract.newId;
import static io.tlsuite.sessionstore.api.SessionApiContract.session;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import io.tlsuite.kafka.LateKafkaBrokerTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store starts while nothing listens at its Kafka address (compose: the broker's container
 * comes up later): it is live and serves sessions, its readiness says Kafka is down, and once a
 * real broker appears at that address a revocation published there ends the certificate's sessions,
 * without a restart.
 */
@QuarkusTest
@WithTestResource(LateKafkaBrokerTestResource.class)
@WithTestResource(TestCaPeer.class)
class RevocationLateBrokerTest {

    @Test
    void startsWithoutKafkaAndCascadesRevocationsOnceTheBrokerComes() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(503)
                .body(
                        "checks.findAll { it.status == 'DOWN' }.name",
                        hasItem("Kafka connection health check"));
        String serial = "ABC0" + Long.toHexString(System.nanoTime()).toUpperCase();
        String victim = create(session(newId(), serial)); // served without Kafka
        String bystander = create(session(newId(), "0125"));

        EmbeddedKafkaBroker broker = LateKafkaBrokerTestResource.startBroker();
        TestCaPeer.revoke(serial); // the CA confirms it
        try (EventPublisher ca =
                EventPublisher.create(broker.bootstrapServers(), "/tlsuite/test/ca", Map.of())) {
            ca.publish(new CertificateRevoked(serial, "CN=x", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sessions/" + victim)
                                        .then()
                                        .body("state", equalTo("TERMINATED")));
        given().get("/api/v1/sessions/" + bystander).then().body("state", equalTo("ACTIVE"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                given().get("/q/health/ready")
                                        .then()
                                        .body(
                                                "checks.find { it.name == 'Revocation cascade (tls.certificates)' }.status",
                                                equalTo("UP"))
                                        .body(
                                                "checks.find { it.name == 'Kafka connection health check' }.status",
                                                equalTo("UP")));
    }
}
