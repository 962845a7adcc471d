package io.tlsuite.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The views' REST API over events that went through the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class LifecycleApiTest {

    @TestHTTPResource("/api/v1/events/stream")
    URL stream;

    static void publish(List<LifecycleEvent> events) throws Exception {
        try (EventPublisher p =
                EventPublisher.create(
                        SharedBroker.get().bootstrapServers(),
                        "/tlsuite/test/api",
                        Map.of("max.block.ms", 60000))) {
            for (LifecycleEvent e : events) {
                p.publish(e).toCompletableFuture().get();
            }
        }
    }

    @Test
    void aHandshakeItsSessionAndItsCertificateAreLinkedAndTheRevocationCascadeShows()
            throws Exception {
        String id = UUID.randomUUID().toString();
        String hs = "hs-" + id, session = "s-" + id, serial = id.substring(0, 8);
        try (SseClient live = new SseClient(stream + "?session=" + session)) {
            publish(Stories.rsaHandshake(hs, session, serial));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    given().get("/api/v1/handshakes/" + hs)
                                            .then()
                                            .statusCode(200)
                                            .body(
                                                    "arrows.message",
                                                    org.hamcrest.Matchers.hasItem(
                                                            "store session")));
            JsonPath ladder = given().get("/api/v1/handshakes/" + hs).jsonPath();
            assertThat(ladder.getList("lanes"))
                    .containsExactly("client", "handshake-service", "CA", "session-store");
            assertThat(ladder.getList("arrows.message", String.class))
                    .containsSubsequence(
                            "ClientHello",
                            "ServerHello",
                            "Certificate, ServerHelloDone",
                            "ClientKeyExchange",
                            "ChangeCipherSpec",
                            "Finished",
                            "ChangeCipherSpec, Finished");
            assertThat(ladder.getString("handshake.sessionId")).isEqualTo(session);
            assertThat(ladder.getString("arrows.find { it.message == 'ClientHello' }.rawHex"))
                    .startsWith("0100007d");

            given().queryParam("serial", serial)
                    .get("/api/v1/sessions")
                    .then()
                    .statusCode(200)
                    .body("sessions.id", is(List.of(session)))
                    .body("sessions[0].state", is("live"))
                    .body("sessions[0].keysDestroyed", is(false));
            given().get("/api/v1/certificates/" + serial)
                    .then()
                    .statusCode(200)
                    .body("state", is("issued"))
                    .body("sessions", is(List.of(session)));

            publish(Stories.revocation(session, serial));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    given().get("/api/v1/sessions/" + session)
                                            .then()
                                            .body("session.state", is("terminated"))
                                            .body("session.keysDestroyed", is(true))
                                            .body(
                                                    "ladder.arrows.message",
                                                    org.hamcrest.Matchers.hasItem(
                                                            "keys destroyed")));
            given().queryParam("state", "revoked")
                    .get("/api/v1/certificates")
                    .then()
                    .body("serial", org.hamcrest.Matchers.hasItem(serial));
            given().queryParam("kind", "certificate-revoked")
                    .get("/api/v1/anomalies")
                    .then()
                    .body("anomalies.serial", org.hamcrest.Matchers.hasItem(serial));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(live.data)
                                            .anyMatch(
                                                    d -> d.contains("tls.session.keys-destroyed")));
            // Opened before the session existed, the stream has its events from the moment the
            // handshake named it, and nothing of any other session.
            assertThat(live.data).anyMatch(d -> d.contains("tls.session.created"));
            assertThat(live.data).allMatch(d -> d.contains(session) || d.contains(hs));
            assertThat(live.sequences).isSorted().doesNotHaveDuplicates();
        }

        // Filters, paging and export agree.
        List<String> types =
                given().queryParam("handshake", hs)
                        .queryParam("limit", 1000)
                        .get("/api/v1/events")
                        .jsonPath()
                        .getList("type");
        assertThat(types)
                .contains("tls.handshake.started", "tls.session.created", "tls.session.terminated");
        given().queryParam("handshake", hs)
                .queryParam("limit", 2)
                .get("/api/v1/events")
                .then()
                .header("X-More", "true")
                .header("Link", containsString("before="));
        String csv =
                given().queryParam("session", session)
                        .queryParam("format", "csv")
                        .get("/api/v1/events/export")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("text/csv"))
                        .extract()
                        .asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("sequence,time,topic,type");
        assertThat(csv.lines().count())
                .isEqualTo(
                        1
                                + given().queryParam("session", session)
                                        .queryParam("limit", 1000)
                                        .get("/api/v1/events")
                                        .jsonPath()
                                        .getList("sequence")
                                        .size());
        String ndjson =
                given().queryParam("handshake", hs)
                        .queryParam("type", "tls.handshake.client-hello")
                        .get("/api/v1/events/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(ndjson.lines())
                .singleElement()
                .satisfies(l -> assertThat(l).contains("\"subject\":\"" + hs + "\""));

        JsonPath stats = given().get("/api/v1/stats?window=60").jsonPath();
        assertThat(stats.getLong("rates.p50Micros")).isPositive();
        assertThat(stats.getDouble("rates.handshakesPerSecond")).isPositive();
        assertThat(stats.getMap("lag")).isNotEmpty();
    }

    @Test
    void theLiveStreamIsOneSseFramePerEventItsIdTheSequenceItsDataTheEventOnOneLine()
            throws Exception {
        String id = UUID.randomUUID().toString();
        String hs = "hs-" + id;
        HttpResponse<InputStream> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        stream
                                                                + "?type=tls.handshake.&handshake="
                                                                + hs))
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<LifecycleEvent> story = Stories.rsaHandshake(hs, "s-" + id, id.substring(0, 8));
        long handshakeSteps =
                story.stream()
                        .filter(
                                e ->
                                        io.tlsuite.events.EventCatalog.typeOf(e.getClass())
                                                .startsWith("tls.handshake."))
                        .count();
        List<List<String>> frames = new java.util.ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            publish(story);
            List<String> frame = new java.util.ArrayList<>();
            for (String line; frames.size() < handshakeSteps && (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    frame.add(line);
                } else if (!frame.isEmpty()) {
                    if (!frame.get(0).startsWith("event:")) { // heartbeats are named
                        frames.add(frame);
                    }
                    frame = new java.util.ArrayList<>();
                }
            }
        }
        assertThat(frames).hasSize((int) handshakeSteps);
        long previous = 0;
        for (List<String> frame : frames) {
            assertThat(frame).hasSize(2);
            assertThat(frame.get(0)).startsWith("id:");
            assertThat(frame.get(1)).startsWith("data:");
            long sequence = Long.parseLong(frame.get(0).substring(3));
            JsonPath event = new JsonPath(frame.get(1).substring(5));
            assertThat(event.getLong("sequence")).isEqualTo(sequence).isGreaterThan(previous);
            assertThat(event.getString("subject")).isEqualTo(hs);
            assertThat(event.getString("type")).startsWith("tls.handshake.");
            assertThat(event.getMap("data")).isNotEmpty();
            previous = sequence;
        }
        // The same events as the REST list has them, in the same order.
        assertThat(
                        given().queryParam("handshake", hs)
                                .queryParam("type", "tls.handshake.")
                                .get("/api/v1/events")
                                .jsonPath()
                                .getList("sequence", Long.class))
                .containsExactlyElementsOf(
                        frames.stream().map(f -> Long.parseLong(f.get(0).substring(3))).toList());
    }

    @Test
    void badQueriesAndUnknownIdsAreProblemsNotErrors() {
        given().queryParam("topic", "tls.nope")
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/invalid-request"));
        given().queryParam("from", "yesterday")
                .get("/api/v1/events/stream")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("ISO-8601"));
        given().queryParam("format", "xml").get("/api/v1/events/export").then().statusCode(400);
        given().get("/api/v1/handshakes/no-such-handshake")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/not-found"));
        given().get("/api/v1/sessions/no-such-session").then().statusCode(404);
        given().queryParam("state", "sleeping").get("/api/v1/sessions").then().statusCode(400);
        given().queryParam("window", 0).get("/api/v1/stats").then().statusCode(400);
        given().queryParam("before", 5)
                .queryParam("after", 1)
                .get("/api/v1/events")
                .then()
                .statusCode(400);
    }
}
