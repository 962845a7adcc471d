package io.tlsuite.sessionstore.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/engine-states} end to end through HTTP and the backend of the subclass. */
abstract class EngineStateApiContract {

    static final String SNAPSHOT =
            Base64.getEncoder()
                    .encodeToString(
                            "suspended-engine-with-secrets".getBytes(StandardCharsets.UTF_8));

    static RequestSpecification service() {
        return SessionApiContract.service();
    }

    static String path(String id) {
        return "/api/v1/engine-states/" + id;
    }

    static String newId() {
        return "hs-" + UUID.randomUUID();
    }

    static Map<String, Object> write(String kind, String snapshot, long ttl) {
        return Map.of("kind", kind, "snapshot", snapshot, "ttlSeconds", ttl);
    }

    static Response create(String id, Map<String, Object> body) {
        return service()
                .contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body(body)
                .put(path(id));
    }

    static Response replace(String id, String etag, Map<String, Object> body) {
        return service()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(body)
                .put(path(id));
    }

    @Test
    void aHandshakeStateMovesByVersionsAndEnds() {
        String id = newId();
        Response created = create(id, write("handshake", SNAPSHOT, 30));
        created.then()
                .statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1))
                .body("kind", equalTo("handshake"))
                .body("status", equalTo("ACTIVE"))
                .body(not(containsString(SNAPSHOT)));

        service()
                .get(path(id))
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("snapshot", equalTo(SNAPSHOT))
                .body("version", equalTo(1));
        service().header("If-None-Match", "\"1\"").get(path(id)).then().statusCode(304);

        String next = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        replace(id, "\"1\"", write("handshake", next, 30))
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""));
        service()
                .header("If-None-Match", "\"1\"")
                .get(path(id))
                .then()
                .statusCode(200)
                .body("snapshot", equalTo(next));

        service()
                .header("If-Match", "\"2\"")
                .queryParam("reason", "complete (session s-1)")
                .delete(path(id))
                .then()
                .statusCode(200)
                .body("alreadyEnded", equalTo(false))
                .body("state.status", equalTo("ENDED"))
                .body("state.version", equalTo(3));
        Response gone = service().get(path(id));
        SessionApiContract.isProblem(gone.then(), 410, "engine-state-ended");
        gone.then()
                .body("endReason", equalTo("complete (session s-1)"))
                .body("currentVersion", equalTo(3));
        service().delete(path(id)).then().statusCode(200).body("alreadyEnded", equalTo(true));
        SessionApiContract.isProblem(
                replace(id, "\"3\"", write("handshake", next, 30)).then(),
                410,
                "engine-state-ended");
    }

    @Test
    void theLoserOfARaceGets412AndTheCurrentVersion() throws Exception {
        String id = newId();
        create(id, write("handshake", SNAPSHOT, 30)).then().statusCode(201);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> codes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            codes.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return replace(id, "\"1\"", write("handshake", SNAPSHOT, 30))
                                        .statusCode();
                            }));
        }
        go.countDown();
        List<Integer> seen = new ArrayList<>();
        for (Future<Integer> f : codes) {
            seen.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(seen).containsOnly(200, 412);
        assertThat(seen.stream().filter(c -> c == 200).count()).isEqualTo(1);

        Response stale = replace(id, "\"1\"", write("handshake", SNAPSHOT, 30));
        SessionApiContract.isProblem(stale.then(), 412, "version-mismatch");
        stale.then().body("currentVersion", equalTo(2)).header("ETag", equalTo("\"2\""));
        SessionApiContract.isProblem(
                create(id, write("handshake", SNAPSHOT, 30)).then(), 412, "engine-state-exists");
        SessionApiContract.isProblem(
                service().header("If-Match", "\"1\"").delete(path(id)).then(),
                412,
                "version-mismatch");
    }

    @Test
    void aStateExpiresAfterItsTimeToLive() throws Exception {
        String id = newId();
        create(id, write("session", SNAPSHOT, 1)).then().statusCode(201);
        Thread.sleep(1100);
        SessionApiContract.isProblem(service().get(path(id)).then(), 410, "engine-state-expired");
        SessionApiContract.isProblem(
                replace(id, "\"1\"", write("session", SNAPSHOT, 30)).then(),
                410,
                "engine-state-expired");
    }

    @Test
    void onlyTheServiceMayTouchEngineStates() {
        String id = newId();
        create(id, write("handshake", SNAPSHOT, 30)).then().statusCode(201);
        SessionApiContract.isProblem(given().get(path(id)).then(), 401, "unauthorized");
        SessionApiContract.isProblem(
                given().header("Authorization", "Bearer wrong").get(path(id)).then(),
                403,
                "forbidden");
        SessionApiContract.isProblem(
                given().contentType(ContentType.JSON)
                        .header("If-None-Match", "*")
                        .body(write("handshake", SNAPSHOT, 30))
                        .put(path(newId()))
                        .then(),
                401,
                "unauthorized");
        SessionApiContract.isProblem(given().delete(path(id)).then(), 401, "unauthorized");
        service().get(path(id)).then().statusCode(200);
    }

    @Test
    void badInputIsA4xxProblemNeverA500() {
        String id = newId();
        SessionApiContract.isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body(write("handshake", SNAPSHOT, 30))
                        .put(path(id))
                        .then(),
                428,
                "precondition-required");
        SessionApiContract.isProblem(
                create(id, write("nonsense", SNAPSHOT, 30)).then(), 400, "invalid-request");
        SessionApiContract.isProblem(
                create(id, write("handshake", "%%%not base64", 30)).then(), 400, "invalid-request");
        SessionApiContract.isProblem(
                create(id, write("handshake", SNAPSHOT, 3600)).then(), 400, "invalid-request");
        SessionApiContract.isProblem(
                create(id, Map.of("kind", "handshake", "snapshot", SNAPSHOT)).then(),
                400,
                "invalid-request");
        SessionApiContract.isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .header("If-None-Match", "*")
                        .body("{not json")
                        .put(path(id))
                        .then(),
                400,
                "malformed-body");
        SessionApiContract.isProblem(
                replace(id, "W/\"x\"", write("handshake", SNAPSHOT, 30)).then(),
                400,
                "invalid-request");
        SessionApiContract.isProblem(
                create("bad id!", write("handshake", SNAPSHOT, 30)).then(), 400, "invalid-request");
        String big = Base64.getEncoder().encodeToString(new byte[40_000]);
        SessionApiContract.isProblem(
                create(id, write("handshake", big, 30)).then(), 413, "engine-state-too-large");
        String huge = Base64.getEncoder().encodeToString(new byte[70_000]);
        SessionApiContract.isProblem(
                create(id, write("handshake", huge, 30)).then(), 413, "body-too-large");
        SessionApiContract.isProblem(service().get(path(id)).then(), 404, "engine-state-not-found");
        SessionApiContract.isProblem(
                replace(id, "\"1\"", write("handshake", SNAPSHOT, 30)).then(),
                404,
                "engine-state-not-found");
    }
}
