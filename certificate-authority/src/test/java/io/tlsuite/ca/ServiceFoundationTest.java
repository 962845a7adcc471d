package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ServiceFoundationTest {

    @Test
    void isReadyWithKafkaAndTheDatabaseUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void servesOpenApiSwaggerUiAndCaMetrics() {
        CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "m.test", "DNS:m.test"), "server");
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", is("TLS suite certificate authority"))
                .body(
                        "paths",
                        org.hamcrest.Matchers.hasKey("/api/v1/certificates/{serial}/revoke"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "tlsuite_ca_certificates_issued_total{key=\"EC P-256\",profile=\"server\"}"))
                .body(containsString("tlsuite_ca_outbox_pending"));
    }
}
