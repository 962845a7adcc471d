package io.tlsuite.service.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every service of the suite answers, whatever it does: readiness with its named checks,
 * OpenAPI with its title, Swagger UI, Prometheus metrics, and problem+json for what it cannot
 * serve. A service's test extends this (with its {@code @QuarkusTest} and test resources) and names
 * what is its own.
 */
public abstract class ServiceFoundationContract {

    /** The OpenAPI {@code info.title} of the service. */
    protected abstract String openApiTitle();

    /** Substrings of the readiness check names that must be listed (e.g. "Kafka"). */
    protected abstract List<String> readinessChecks();

    /** Lines (or parts of lines) the Prometheus page must hold once {@link #exercise} ran. */
    protected abstract List<String> metricSamples();

    /** Something that makes the service's own meters appear; nothing by default. */
    protected void exercise() {}

    /** How long readiness may take (e.g. a service that enrols at the CA first). */
    protected Duration readyWithin() {
        return Duration.ofSeconds(30);
    }

    @Test
    void isReadyWithItsChecksUp() {
        Awaitility.await()
                .atMost(readyWithin())
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        var ready = given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        for (String check : readinessChecks()) {
            ready.body("checks.name", hasItem(containsString(check)));
        }
    }

    @Test
    void servesOpenApiSwaggerUiAndPrometheusMetrics() {
        exercise();
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", is(openApiTitle()));
        given().get("/q/swagger-ui/").then().statusCode(200);
        var metrics = given().get("/q/metrics").then().statusCode(200);
        metrics.body(containsString("jvm_memory_used_bytes"));
        for (String sample : metricSamples()) {
            metrics.body(containsString(sample));
        }
    }

    @Test
    void answersWhatItCannotServeAsProblemJson() {
        given().get("/api/v1/no-such-resource")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", is("https://tlsuite.dev/problems/not-found"))
                .body("status", is(404));
    }
}
