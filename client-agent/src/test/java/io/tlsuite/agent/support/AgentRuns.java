package io.tlsuite.agent.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starting a run through the agent's REST API and waiting for its end. */
public final class AgentRuns {
    private AgentRuns() {}

    public static String start(
            String scenario, String transport, int count, int concurrency, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scenario", scenario);
        body.put("transport", transport);
        body.put("count", count);
        body.put("concurrency", concurrency);
        if (target != null) {
            body.put("target", target);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/runs")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/runs/run-"))
                .extract()
                .path("id");
    }

    public static JsonPath finished(String id) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(given().get("/api/v1/runs/" + id).path("state")));
        return given().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath play(
            String scenario, String transport, int count, int concurrency, String target) {
        return finished(start(scenario, transport, count, concurrency, target));
    }
}
