package io.tlsuite.sessionstore;

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
class ServiceFoundationTest {

    @Test
    void isReadyWithKafkaUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void servesOpenApiSwaggerUiAndPrometheusMetrics() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", is("TLS suite session store"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void exportsWhetherTheBackendAnswers() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sessionstore_backend_up{backend=\"memory\"} 1.0"));
    }
}
