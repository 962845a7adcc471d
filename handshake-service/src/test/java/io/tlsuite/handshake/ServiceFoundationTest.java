package io.tlsuite.handshake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(io.tlsuite.handshake.support.TestCaResource.class)
class ServiceFoundationTest {

    @Test
    void isReadyWithKafkaUpOnceEnrolled() {
        // Enrolment at the (test) CA runs in the background from start.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Server certificate")));
    }

    @Test
    void servesOpenApiSwaggerUiAndPrometheusMetrics() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", is("TLS suite handshake service"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
