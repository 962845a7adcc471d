package io.tlsuite.handshake.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.EmbeddedKafkaBroker;
import io.tlsuite.kafka.LateKafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service starts while nothing listens at its Kafka address (compose: the broker's container
 * comes up later): it is live, its readiness says Kafka is down, and once a real broker appears at
 * that address a revocation published there is acted on, without a restart.
 */
@QuarkusTest
@WithTestResource(LateKafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class RevocationListenerLateBrokerTest {

    @Inject RevokedCertificates revoked;

    @Test
    void startsWithoutKafkaAndReadsRevocationsOnceTheBrokerComes() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(
                        "checks.findAll { it.status == 'DOWN' }.name",
                        hasItem("Kafka connection health check"));

        EmbeddedKafkaBroker broker = LateKafkaBrokerTestResource.startBroker();
        String serial = "1a7eb40c3e";
        TestCaResource.ca().revoke(serial); // the CA confirms it
        try (EventPublisher ca =
                EventPublisher.create(broker.bootstrapServers(), "/tlsuite/test/ca", Map.of())) {
            ca.publish(new CertificateRevoked(serial, "CN=client", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> revoked.isRevoked(new BigInteger(serial, 16)));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                given().get("/q/health/ready")
                                        .then()
                                        .body(
                                                "checks.find { it.name == 'Revocation listener (tls.certificates)' }.status",
                                                org.hamcrest.Matchers.equalTo("UP"))
                                        .body(
                                                "checks.find { it.name == 'Kafka connection health check' }.status",
                                                org.hamcrest.Matchers.equalTo("UP")));
        assertThat(revoked.isRevoked(new BigInteger("1a7eb40c3f", 16))).isFalse();
    }
}
