package io.tlsuite.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tlsuite.agent.support.AgentRuns;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Bad requests are problem documents; bad targets are runs that fail with a stated cause. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class BadInputTest {

    private static void refused(Map<String, Object> body, int status, String slug) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/runs")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/" + slug))
                .body("status", is(status));
    }

    @Test
    void unknownScenarioIs404() {
        refused(Map.of("scenario", "no-such-scenario"), 404, "unknown-scenario");
        given().get("/api/v1/scenarios/no-such")
                .then()
                .statusCode(404)
                .body("type", startsWith("https://tlsuite.dev/problems/"));
    }

    @Test
    void absurdNumbersAndTargetsAre400() {
        refused(Map.of("scenario", "tls13", "count", 0), 400, "invalid-run-request");
        refused(Map.of("scenario", "tls13", "count", 2_000_000_000), 400, "invalid-run-request");
        refused(Map.of("scenario", "tls13", "concurrency", 100_000), 400, "invalid-run-request");
        refused(Map.of("scenario", "tls13", "concurrency", -1), 400, "invalid-run-request");
        refused(
                Map.of("scenario", "tls13", "transport", "carrier-pigeon"),
                400,
                "invalid-run-request");
        refused(Map.of("scenario", "tls13", "target", "no-port-here"), 400, "invalid-run-request");
        refused(Map.of("scenario", "tls13", "target", "host:70000"), 400, "invalid-run-request");
        refused(
                Map.of("scenario", "tls13", "transport", "rest", "target", "ftp://x"),
                400,
                "invalid-run-request");
        refused(
                Map.of("scenario", "expired-certificate", "transport", "rest"),
                400,
                "invalid-run-request");
        refused(Map.of("scenario", "tls13", "durationSeconds", 0), 400, "invalid-run-request");
        // Two replicas are for resumption only; never three.
        refused(
                Map.of("scenario", "tls13", "target", "127.0.0.1:1,127.0.0.1:2"),
                400,
                "invalid-run-request");
        refused(
                Map.of("scenario", "resumption", "target", "127.0.0.1:1,127.0.0.1:2,127.0.0.1:3"),
                400,
                "invalid-run-request");
        refused(
                Map.of("scenario", "resumption", "target", "127.0.0.1:1,nope"),
                400,
                "invalid-run-request");
        refused(Map.of(), 400, "invalid-run-request");
    }

    @Test
    void malformedJsonIs400AndUnknownRunIs404() {
        given().contentType(ContentType.JSON)
                .body("{nope")
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/runs/run-unknown")
                .then()
                .statusCode(404)
                .body("type", is("https://tlsuite.dev/problems/unknown-run"));
        given().delete("/api/v1/runs/run-unknown").then().statusCode(404);
    }

    @Test
    void anUnreachableTargetFailsTheRunWithAStatedCauseQuickly() throws Exception {
        Assumptions.assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        JsonPath run = AgentRuns.play("tls13", "tcp", 50, 2, "127.0.0.1:" + closed);
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getString("cause")).contains("unreachable");
        assertThat(run.getInt("done")).isLessThan(50).isEqualTo(run.getInt("failed"));
        assertThat(run.getMap("failuresByCause", String.class, Integer.class).keySet())
                .allMatch(k -> k.startsWith("unreachable"));
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60);
    }

    @Test
    void aCancelledRunSaysWhatCompleted() {
        Assumptions.assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        String id = AgentRuns.start("tls13", "tcp", 100_000, 2, null);
        given().delete("/api/v1/runs/" + id).then().statusCode(200);
        JsonPath run = AgentRuns.finished(id);
        assertThat(run.getString("state")).isEqualTo("cancelled");
        assertThat(run.getInt("done"))
                .isLessThan(100_000)
                .isEqualTo(run.getInt("passed") + run.getInt("failed"));
        given().get("/api/v1/runs")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
    }
}
