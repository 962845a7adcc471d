package io.tlsuite.handshake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.support.HandshakeTopic;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class RestHandshakeTest {

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    X509Certificate root;

    @BeforeEach
    void enrolled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        root = enrolment.current().orElseThrow().root();
    }

    TlsEngine client() {
        return TlsEngine.client(
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(root)))
                        .build());
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }

    static JsonPath post(String path, byte[] records, int status) {
        return post(path, null, records, status);
    }

    /** A step after the first: its client presents the secret the first step returned. */
    static JsonPath post(String path, String clientSecret, byte[] records, int status) {
        return as(clientSecret)
                .body(Map.of("records", b64(records)))
                .post(path)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    /** Runs a handshake to completion; returns {handshakeId, sessionId, clientSecret}. */
    String[] handshake(TlsEngine client) {
        JsonPath first = post("/api/v1/handshakes", client.start().outbound(), 201);
        String id = first.getString("handshakeId");
        String secret = first.getString("clientSecret");
        EngineOutput out = client.feed(unb64(first.getString("records")));
        assertThat(out.handshakeComplete()).isTrue();
        JsonPath done = post("/api/v1/handshakes/" + id + "/flights", secret, out.outbound(), 200);
        assertThat(done.getString("state")).isEqualTo("complete");
        assertThat(done.getString("clientSecret")).isNull(); // handed out once, at the first step
        client.feed(unb64(done.getString("records")));
        return new String[] {id, done.getString("sessionId"), secret};
    }

    @Test
    void fullLifecycleWithTheProtocolEngineAsClient() {
        TlsEngine client = client();
        JsonPath first = post("/api/v1/handshakes", client.start().outbound(), 201);
        String id = first.getString("handshakeId");
        String secret = first.getString("clientSecret");
        assertThat(first.getString("state")).isEqualTo("in-progress");
        List<String> types = first.getList("messages.type");
        assertThat(types)
                .containsSubsequence(
                        "client_hello",
                        "server_hello",
                        "encrypted_extensions",
                        "certificate",
                        "certificate_verify",
                        "finished");
        assertThat(first.getString("messages[0].direction")).isEqualTo("received");
        assertThat(first.getList("messages[0].cipherSuites", String.class))
                .contains("TLS_AES_128_GCM_SHA256");
        assertThat(first.getString("messages[1].random")).hasSize(64);
        Map<String, Object> leaf =
                first.getMap("messages.find { it.type == 'certificate' }.certificates[0]");
        assertThat(leaf.get("serial")).isEqualTo(enrolment.current().get().serial());
        assertThat((String) leaf.get("subject")).contains("CN=localhost");
        assertThat(leaf).containsKeys("notBefore", "notAfter", "issuer");

        EngineOutput clientFinished = client.feed(unb64(first.getString("records")));
        assertThat(clientFinished.handshakeComplete()).isTrue();
        assertThat(
                        client.negotiated()
                                .orElseThrow()
                                .peerCertificates()
                                .get(0)
                                .getSerialNumber()
                                .toString(16))
                .isEqualTo(leaf.get("serial"));

        JsonPath done =
                post(
                        "/api/v1/handshakes/" + id + "/flights",
                        secret,
                        clientFinished.outbound(),
                        200);
        assertThat(done.getString("state")).isEqualTo("complete");
        assertThat(done.getString("negotiated.cipherSuite")).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(done.getList("messages.type")).contains("finished");
        // The tickets travel with the server's flight (the protocol engine knows the client's
        // Finished in advance when there is no client authentication).
        assertThat(first.getList("messages.type")).contains("new_session_ticket");
        String sessionId = done.getString("sessionId");
        client.feed(unb64(done.getString("records")));
        assertThat(client.receivedSessions()).hasSize(1);

        // Secure phase: encrypted records in, encrypted echo out.
        JsonPath echo =
                post(
                        "/api/v1/sessions/" + sessionId + "/records",
                        secret,
                        client.write("hello over REST".getBytes(StandardCharsets.UTF_8)).outbound(),
                        200);
        String plain =
                new String(
                        client.feed(unb64(echo.getString("records"))).applicationBytes(),
                        StandardCharsets.UTF_8);
        assertThat(plain).startsWith("echo at 20").endsWith(": hello over REST");
        assertThat(echo.getString("records"))
                .doesNotContain(b64("hello".getBytes(StandardCharsets.UTF_8)));

        // close_notify both ways.
        JsonPath closed =
                post(
                        "/api/v1/sessions/" + sessionId + "/records",
                        secret,
                        client.close().outbound(),
                        200);
        assertThat(closed.getString("state")).isEqualTo("closed");
        EngineOutput end = client.feed(unb64(closed.getString("records")));
        assertThat(client.isClosed()).isTrue();
        assertThat(end.failed()).isFalse();
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, secret)
                .body(Map.of("records", b64(new byte[] {23, 3, 3, 0, 1, 0})))
                .post("/api/v1/sessions/" + sessionId + "/records")
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/session-closed"));
        // A flight for the completed handshake is refused, not fed.
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, secret)
                .body(Map.of("records", b64(clientFinished.outbound())))
                .post("/api/v1/handshakes/" + id + "/flights")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://tlsuite.dev/problems/handshake-ended"));

        // Every step reached Kafka, keyed by the handshake id, in order.
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        bootstrap,
                        id,
                        l -> l.stream().anyMatch(e -> e.type().equals("tls.handshake.completed")),
                        Duration.ofSeconds(20));
        List<String> eventTypes = events.stream().map(EventEnvelope::type).toList();
        assertThat(eventTypes)
                .containsSubsequence(
                        "tls.handshake.started",
                        "tls.handshake.client-hello-received",
                        "tls.handshake.server-hello-sent",
                        "tls.handshake.key-exchange-done",
                        "tls.handshake.certificate-sent",
                        "tls.handshake.finished-verified",
                        "tls.handshake.completed");
        assertThat(eventTypes).contains("tls.handshake.change-cipher-spec");
    }

    @Test
    void onlyTheClientThatStartedAHandshakeMayContinueItAndUseOrCloseItsSession() {
        TlsEngine client = client();
        JsonPath first = post("/api/v1/handshakes", client.start().outbound(), 201);
        String id = first.getString("handshakeId");
        String secret = first.getString("clientSecret");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        String strangers = handshake(client())[2]; // a real secret, of another handshake
        byte[] fin = client.feed(unb64(first.getString("records"))).outbound();

        // A stranger knowing the id cannot step the handshake, with no secret or another's.
        stranger(null, "/api/v1/handshakes/" + id + "/flights", fin, 401, "client-secret-required")
                .body("handshakeId", equalTo(id));
        stranger(
                strangers,
                "/api/v1/handshakes/" + id + "/flights",
                fin,
                403,
                "client-secret-mismatch");
        stranger(
                secret + "x",
                "/api/v1/handshakes/" + id + "/flights",
                fin,
                403,
                "client-secret-mismatch");
        // ... and did not disturb it: its client completes it.
        JsonPath done = post("/api/v1/handshakes/" + id + "/flights", secret, fin, 200);
        String sessionId = done.getString("sessionId");
        client.feed(unb64(done.getString("records")));

        // The session is the client's alone: a stranger can neither send records nor close it.
        byte[] hello = client.write("mine".getBytes(StandardCharsets.UTF_8)).outbound();
        String records = "/api/v1/sessions/" + sessionId + "/records";
        stranger(null, records, hello, 401, "client-secret-required")
                .body("sessionId", equalTo(sessionId));
        stranger(strangers, records, hello, 403, "client-secret-mismatch");
        given().delete("/api/v1/sessions/" + sessionId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/client-secret-required"));
        given().header(ClientBinding.HEADER, strangers)
                .delete("/api/v1/sessions/" + sessionId)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://tlsuite.dev/problems/client-secret-mismatch"));
        JsonPath echo = post(records, secret, hello, 200);
        assertThat(
                        new String(
                                client.feed(unb64(echo.getString("records"))).applicationBytes(),
                                StandardCharsets.UTF_8))
                .endsWith(": mine");
        JsonPath closed =
                given().header(ClientBinding.HEADER, secret)
                        .delete("/api/v1/sessions/" + sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(closed.getString("state")).isEqualTo("closed");
        assertThat(closed.getString("clientSecret")).isNull();

        // The secret never travels in an event.
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        bootstrap,
                        id,
                        l -> l.stream().anyMatch(e -> e.type().equals("tls.handshake.completed")),
                        Duration.ofSeconds(20));
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain(secret));
    }

    /** A JSON request presenting this client secret (none when null). */
    static io.restassured.specification.RequestSpecification as(String clientSecret) {
        var request = given().contentType(ContentType.JSON);
        return clientSecret == null ? request : request.header(ClientBinding.HEADER, clientSecret);
    }

    /** A request from someone who is not the handshake's client; returns the checked answer. */
    private static io.restassured.response.ValidatableResponse stranger(
            String secret, String path, byte[] records, int status, String type) {
        return as(secret)
                .body(Map.of("records", b64(records)))
                .post(path)
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/" + type));
    }

    @Test
    void tamperedOrReplayedRecordsEndTheSessionWithBadRecordMac() {
        TlsEngine client = client();
        String[] ids = handshake(client);
        byte[] records = client.write("once".getBytes(StandardCharsets.UTF_8)).outbound();
        post("/api/v1/sessions/" + ids[1] + "/records", ids[2], records, 200);
        // The same record again: its sequence number is past, so its AEAD tag fails (RFC 8446
        // §5.3).
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, ids[2])
                .body(Map.of("records", b64(records)))
                .post("/api/v1/sessions/" + ids[1] + "/records")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/session-failed"))
                .body("alert.description", equalTo("bad_record_mac"));
    }

    @Test
    void garbageTruncatedOversizedAndUnknownGiveProblems() {
        given().contentType(ContentType.JSON)
                .body("{\"records\":\"AAAA\"}")
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/truncated-records"));
        given().contentType(ContentType.JSON)
                .body("{\"records\":\"%%%\"}")
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://tlsuite.dev/problems/invalid-base64"));
        given().contentType(ContentType.JSON)
                .body("{\"records\":")
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://tlsuite.dev/problems/missing-records"));
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(new byte[70_000])))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(413)
                .body("type", equalTo("https://tlsuite.dev/problems/flight-too-large"));
        // A whole record of garbage: the engine answers with a TLS alert, carried in the problem.
        JsonPath garbage =
                given().contentType(ContentType.JSON)
                        .body(Map.of("records", b64(new byte[] {22, 3, 1, 0, 4, 1, 0, 0, 0})))
                        .post("/api/v1/handshakes")
                        .then()
                        .statusCode(422)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://tlsuite.dev/problems/handshake-failed"))
                        .body("alert.sentBy", equalTo("server"))
                        .extract()
                        .jsonPath();
        assertThat(garbage.getString("alert.description"))
                .isIn("decode_error", "unexpected_message", "illegal_parameter");
        byte[] alertRecord = unb64(garbage.getString("records"));
        assertThat(alertRecord[0]).isEqualTo((byte) 21);
        // A ClientHello cut short inside a whole record: a flight must carry whole messages.
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(new byte[] {22, 3, 1, 0, 4, 1, 0, 0, 9})))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://tlsuite.dev/problems/incomplete-flight"));
        // Application data before any handshake: unexpected_message (RFC 8446 §5).
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(new byte[] {23, 3, 3, 0, 1, 0})))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(422)
                .body("alert.description", equalTo("unexpected_message"));
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(new byte[] {23, 3, 3, 0, 1, 0})))
                .post("/api/v1/handshakes/hs-nope/flights")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://tlsuite.dev/problems/unknown-handshake"));
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(new byte[] {23, 3, 3, 0, 1, 0})))
                .post("/api/v1/sessions/nope/records")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://tlsuite.dev/problems/unknown-session"));
        // The service keeps serving.
        handshake(client());
    }

    @Test
    void replayedAndOutOfOrderFlights() {
        TlsEngine client = client();
        byte[] hello = client.start().outbound();
        JsonPath first = post("/api/v1/handshakes", hello, 201);
        String id = first.getString("handshakeId");
        String secret = first.getString("clientSecret");
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, secret)
                .body(Map.of("records", b64(hello)))
                .post("/api/v1/handshakes/" + id + "/flights")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://tlsuite.dev/problems/replayed-flight"));
        // The replay did not disturb the handshake: it still completes.
        EngineOutput fin = client.feed(unb64(first.getString("records")));
        post("/api/v1/handshakes/" + id + "/flights", secret, fin.outbound(), 200);

        // Out of order: a second ClientHello where the client's Finished is expected.
        TlsEngine other = client();
        JsonPath started = post("/api/v1/handshakes", other.start().outbound(), 201);
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, started.getString("clientSecret"))
                .body(Map.of("records", b64(client().start().outbound())))
                .post("/api/v1/handshakes/" + started.getString("handshakeId") + "/flights")
                .then()
                .statusCode(422)
                .body("alert.description", equalTo("unexpected_message"));
    }

    @Test
    void oneClientCannotHoldMoreThanItsShareOfHalfOpenHandshakes() throws Exception {
        // max-half-open-per-client is 12 in tests; every request here comes from 127.0.0.1
        List<byte[]> hellos = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hellos.add(client().start().outbound());
        }
        int started = 0;
        long t0 = System.nanoTime();
        for (byte[] hello : hellos) {
            int status =
                    given().contentType(ContentType.JSON)
                            .body(Map.of("records", b64(hello)))
                            .post("/api/v1/handshakes")
                            .statusCode();
            if (status == 429) {
                break;
            }
            assertThat(status).isEqualTo(201);
            started++;
        }
        // Half-open handshakes left by earlier tests may hold some of the 12; none of these can
        // have expired (freeing a slot) unless the loop outlasted their 8 s lifetime, which a
        // heavily loaded machine can make it do.
        boolean withinLifetime = System.nanoTime() - t0 < Duration.ofSeconds(8).toNanos();
        assertThat(started).isBetween(1, withinLifetime ? 12 : 40);
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(client().start().outbound())))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", is("https://tlsuite.dev/problems/too-many-handshakes-from-client"));
        // the half-open ones expire (8 s in tests, swept every second): the client is served
        // again, and the tests after this one find no half-open handshake of it left
        Thread.sleep(9500);
        given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(client().start().outbound())))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(201);
    }

    @Test
    void halfOpenHandshakesExpire() throws Exception {
        TlsEngine client = client();
        JsonPath first = post("/api/v1/handshakes", client.start().outbound(), 201);
        EngineOutput fin = client.feed(unb64(first.getString("records")));
        // the lifetime is 8 s in tests (long enough for a loaded machine to finish the other
        // tests' handshakes in time); the sweeper runs every second
        Thread.sleep(9500);
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, first.getString("clientSecret"))
                .body(Map.of("records", b64(fin.outbound())))
                .post("/api/v1/handshakes/" + first.getString("handshakeId") + "/flights")
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        startsWith("handshake " + first.getString("handshakeId") + " is expired"));
    }
}
