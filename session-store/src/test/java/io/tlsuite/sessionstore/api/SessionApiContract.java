package io.tlsuite.sessionstore.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.certificate.CertificateIssued;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.events.session.SessionKeysAccessDenied;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.events.session.SessionTerminated;
import io.tlsuite.kafka.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The REST API, end to end through HTTP, Kafka and the backend of the subclass's profile. */
abstract class SessionApiContract {

    static final String TOKEN = "test-service-token";
    static final String PROBLEM = "application/problem+json";
    static final String CLIENT_KEY = b64(filled(32, 0x11));
    static final String SERVER_KEY = b64(filled(32, 0x22));
    static final String RESUMPTION_KEY = b64(filled(48, 0x33));

    static RequestSpecification service() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    static Map<String, Object> session(String id, String serverSerial) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("handshakeId", "hs-" + id);
        body.put("client", "agent-1");
        body.put("server", "handshake.tlsuite.test");
        body.put("protocolVersion", "TLSv1.3");
        body.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
        body.put("serverCertificateSerial", serverSerial);
        body.put(
                "keys",
                Map.of(
                        "clientTrafficSecret", CLIENT_KEY,
                        "serverTrafficSecret", SERVER_KEY,
                        "resumptionSecret", RESUMPTION_KEY));
        return body;
    }

    static String create(Map<String, Object> body) {
        return service()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String newId() {
        return "api-" + UUID.randomUUID();
    }

    static void isProblem(ValidatableResponse r, int status, String slug) {
        r.statusCode(status)
                .contentType(PROBLEM)
                .body("type", equalTo("https://tlsuite.dev/problems/" + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    // --- service identity (also the benchmark's trivial-endpoint reference)

    @Test
    void serviceIdentityForTheServiceCallerOnly() {
        service()
                .get("/api/v1/service")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("service", equalTo("session-store"))
                .body("version", notNullValue())
                .body("api", equalTo("v1"))
                .body("backend", equalTo(backendName()));
        ValidatableResponse anonymous = given().get("/api/v1/service").then();
        isProblem(anonymous, 401, "unauthorized");
        anonymous.header("WWW-Authenticate", equalTo("Bearer"));
        isProblem(
                given().header("Authorization", "Bearer wrong").get("/api/v1/service").then(),
                403,
                "forbidden");
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/service\""));
    }

    /** The backend this subclass runs, as {@code GET /api/v1/service} names it. */
    String backendName() {
        return "memory";
    }

    // --- sessions

    @Test
    void registersAndServesMetadataWithoutKeys() {
        String id = newId();
        String body =
                service()
                        .contentType(ContentType.JSON)
                        .body(session(id, "5E01"))
                        .post("/api/v1/sessions")
                        .then()
                        .statusCode(201)
                        .header("Location", startsWith("http"))
                        .header("Location", containsString("/api/v1/sessions/" + id))
                        .body("id", equalTo(id))
                        .body("state", equalTo("ACTIVE"))
                        .body("keyCount", equalTo(3))
                        .body("keysPresent", equalTo(true))
                        .extract()
                        .asString();
        assertThat(body).doesNotContain(CLIENT_KEY, SERVER_KEY, RESUMPTION_KEY);

        String metadata =
                given().get("/api/v1/sessions/" + id)
                        .then()
                        .statusCode(200)
                        .body("handshakeId", equalTo("hs-" + id))
                        .body("protocolVersion", equalTo("TLSv1.3"))
                        .body("serverCertificateSerial", equalTo("5E01"))
                        .body("clientCertificateSerial", nullValue())
                        .body("expiresAt", notNullValue())
                        .extract()
                        .asString();
        assertThat(metadata).doesNotContain(CLIENT_KEY, SERVER_KEY, RESUMPTION_KEY);
    }

    @Test
    void keysOnlyForTheServiceCaller() {
        String id = create(session(newId(), "5E02"));

        service()
                .get("/api/v1/sessions/" + id + "/keys")
                .then()
                .statusCode(200)
                .body("sessionId", equalTo(id))
                .body("cipherSuite", equalTo("TLS_AES_128_GCM_SHA256"))
                .body("keys.clientTrafficSecret", equalTo(CLIENT_KEY))
                .body("keys.serverTrafficSecret", equalTo(SERVER_KEY))
                .body("keys.resumptionSecret", equalTo(RESUMPTION_KEY));

        ValidatableResponse anonymous = given().get("/api/v1/sessions/" + id + "/keys").then();
        isProblem(anonymous, 401, "unauthorized");
        anonymous.header("WWW-Authenticate", equalTo("Bearer"));
        isProblem(
                given().header("Authorization", "Bearer wrong")
                        .get("/api/v1/sessions/" + id + "/keys")
                        .then(),
                403,
                "forbidden");
        isProblem(
                given().header("Authorization", "Basic " + TOKEN)
                        .get("/api/v1/sessions/" + id + "/keys")
                        .then(),
                403,
                "forbidden");
        // No enumeration of ids without credentials either.
        isProblem(given().get("/api/v1/sessions/does-not-exist/keys").then(), 401, "unauthorized");
        // Each refusal is also an audit event on tls.sessions, keyed by the session asked for.
        List<EventEnvelope> denied =
                SessionTopic.of(
                        SessionTopic.read(
                                raws ->
                                        SessionTopic.of(raws, id).stream()
                                                        .filter(
                                                                e ->
                                                                        e.data()
                                                                                instanceof
                                                                                SessionKeysAccessDenied)
                                                        .count()
                                                >= 3,
                                Duration.ofSeconds(30)),
                        id);
        assertThat(denied)
                .filteredOn(e -> e.type().equals("tls.session.keys-access-denied"))
                .extracting(e -> ((SessionKeysAccessDenied) e.data()).reason())
                .contains("missing-token", "wrong-token", "not-bearer");
        given().get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "sessionstore_access_denied_total{action=\"read-keys\",reason=\"missing-token\"}"))
                .body(containsString("reason=\"wrong-token\""));
    }

    @Test
    void writesNeedTheServiceTokenToo() {
        isProblem(
                given().contentType(ContentType.JSON)
                        .body(session(newId(), "01"))
                        .post("/api/v1/sessions")
                        .then(),
                401,
                "unauthorized");
        String id = create(session(newId(), "01"));
        isProblem(given().delete("/api/v1/sessions/" + id).then(), 401, "unauthorized");
        isProblem(
                given().contentType(ContentType.JSON)
                        .body(ticket(id, "x"))
                        .post("/api/v1/tickets")
                        .then(),
                401,
                "unauthorized");
        // The token is checked before the body is read.
        isProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"nonsense\":")
                        .post("/api/v1/sessions")
                        .then(),
                401,
                "unauthorized");
        given().get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("ACTIVE"));
    }

    @Test
    void closeDeletesKeysAndRepeatsIdempotently() {
        String id = create(session(newId(), "5E03"));
        service()
                .delete("/api/v1/sessions/" + id + "?closedBy=client&reason=close_notify")
                .then()
                .statusCode(200)
                .body("alreadyEnded", equalTo(false))
                .body("session.state", equalTo("CLOSED"))
                .body("session.keysPresent", equalTo(false))
                .body("session.endReason", equalTo("close_notify"));
        service()
                .delete("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .body("alreadyEnded", equalTo(true));
        isProblem(service().get("/api/v1/sessions/" + id + "/keys").then(), 410, "session-ended");
        given().get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("CLOSED"));

        List<SessionTopic.Raw> raws =
                SessionTopic.read(
                        SessionTopic.hasTypes(
                                id,
                                "tls.session.created",
                                "tls.session.closed",
                                "tls.session.keys-destroyed"),
                        Duration.ofSeconds(20));
        List<EventEnvelope> events = SessionTopic.of(raws, id);
        assertThat(events)
                .extracting(EventEnvelope::type)
                .containsExactly(
                        "tls.session.created", "tls.session.closed", "tls.session.keys-destroyed");
        SessionKeysDestroyed destroyed = (SessionKeysDestroyed) events.get(2).data();
        assertThat(destroyed.cause()).isEqualTo("closed");
        assertThat(destroyed.keysDestroyed()).isEqualTo(3);
        assertThat(destroyed.bytesZeroised()).isEqualTo(112);
        raws.forEach(
                r -> assertThat(r.json()).doesNotContain(CLIENT_KEY, SERVER_KEY, RESUMPTION_KEY));
    }

    // --- batches (POST /api/v1/session-batches)

    static Map<String, Object> register(Map<String, Object> session) {
        return Map.of("register", session);
    }

    static Map<String, Object> closeOp(String id) {
        return Map.of("close", Map.of("id", id, "closedBy", "client", "reason", "close_notify"));
    }

    static ValidatableResponse batch(List<?> operations) {
        return service()
                .contentType(ContentType.JSON)
                .body(Map.of("operations", operations))
                .post("/api/v1/session-batches")
                .then();
    }

    @Test
    void aBatchAppliesItsOperationsInOrderWithTheEventsOfSingleCalls() {
        String a = newId();
        String b = newId();
        batch(List.of(register(session(a, "BA01")), register(session(b, "BA01")), closeOp(a)))
                .statusCode(200)
                .body("succeeded", equalTo(3))
                .body("failed", equalTo(0))
                .body("results.index", equalTo(List.of(0, 1, 2)))
                .body("results.operation", equalTo(List.of("register", "register", "close")))
                .body("results.id", equalTo(List.of(a, b, a)))
                .body("results.status", equalTo(List.of(201, 201, 200)))
                .body("results[2].alreadyEnded", equalTo(false))
                .body(not(containsString(CLIENT_KEY)));
        given().get("/api/v1/sessions/" + a)
                .then()
                .statusCode(200)
                .body("state", equalTo("CLOSED"))
                .body("keysPresent", equalTo(false));
        given().get("/api/v1/sessions/" + b)
                .then()
                .statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("keyCount", equalTo(3));
        // The keys sent in a batch are the ones read back.
        service()
                .get("/api/v1/sessions/" + b + "/keys")
                .then()
                .statusCode(200)
                .body("keys.clientTrafficSecret", equalTo(CLIENT_KEY));

        List<SessionTopic.Raw> raws =
                SessionTopic.read(
                        raw ->
                                SessionTopic.hasTypes(
                                                        a,
                                                        "tls.session.created",
                                                        "tls.session.closed",
                                                        "tls.session.keys-destroyed")
                                                .test(raw)
                                        && SessionTopic.hasTypes(b, "tls.session.created")
                                                .test(raw),
                        Duration.ofSeconds(20));
        assertThat(SessionTopic.of(raws, a))
                .extracting(EventEnvelope::type)
                .containsExactly(
                        "tls.session.created", "tls.session.closed", "tls.session.keys-destroyed");
        assertThat(SessionTopic.of(raws, b))
                .extracting(EventEnvelope::type)
                .containsExactly("tls.session.created");
        raws.forEach(
                r -> assertThat(r.json()).doesNotContain(CLIENT_KEY, SERVER_KEY, RESUMPTION_KEY));
    }

    @Test
    void aBadOperationFailsAloneWithTheProblemOfItsSingleCall() {
        String good = newId();
        Map<String, Object> old = session(newId(), "BA02");
        old.put("protocolVersion", "TLSv1.0");
        Map<String, Object> neither = Map.of();
        batch(
                        List.of(
                                register(session(good, "BA02")),
                                register(old),
                                register(session(good, "BA02")),
                                closeOp("never-registered-" + UUID.randomUUID()),
                                neither,
                                Map.of("close", Map.of("id", "bad id!"))))
                .statusCode(200)
                .body("succeeded", equalTo(1))
                .body("failed", equalTo(5))
                .body("results.status", equalTo(List.of(201, 400, 409, 404, 400, 400)))
                .body(
                        "results[1].problem.type",
                        equalTo("https://tlsuite.dev/problems/invalid-request"))
                .body("results[1].problem.errors.field", hasItem("protocolVersion"))
                .body(
                        "results[2].problem.type",
                        equalTo("https://tlsuite.dev/problems/session-exists"))
                .body(
                        "results[3].problem.type",
                        equalTo("https://tlsuite.dev/problems/session-not-found"))
                .body(
                        "results[4].problem.type",
                        equalTo("https://tlsuite.dev/problems/invalid-request"))
                .body("results[5].problem.errors.field", hasItem("close.id"))
                .body(not(containsString("Exception")));
        given().get("/api/v1/sessions/" + good)
                .then()
                .statusCode(200)
                .body("state", equalTo("ACTIVE"));
    }

    @Test
    void batchesNeedTheServiceTokenAndStayWithinTheirLimits() {
        Map<String, Object> body =
                Map.of("operations", List.of(register(session(newId(), "BA03"))));
        isProblem(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/session-batches")
                        .then(),
                401,
                "unauthorized");
        isProblem(
                given().header("Authorization", "Bearer wrong")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/session-batches")
                        .then(),
                403,
                "forbidden");
        isProblem(batch(List.of()), 400, "invalid-request");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/v1/session-batches")
                        .then(),
                400,
                "invalid-request");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(closeOp("s-" + i));
        }
        isProblem(batch(tooMany), 400, "invalid-request");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{\"operations\":[" + "{},".repeat(200_000) + "{}]}")
                        .post("/api/v1/session-batches")
                        .then(),
                413,
                "body-too-large");
        // Over the single calls' limit (64 KiB) but within the batches' own (512 KiB): accepted.
        service()
                .contentType(ContentType.JSON)
                .body(
                        "{\"operations\":[{\"close\":{\"id\":\"never-registered\"}}]"
                                + " ".repeat(100_000)
                                + "}")
                .post("/api/v1/session-batches")
                .then()
                .statusCode(200)
                .body("results[0].status", equalTo(404));
    }

    @Test
    void unknownIdsAreProblems() {
        isProblem(given().get("/api/v1/sessions/nope").then(), 404, "session-not-found");
        isProblem(service().get("/api/v1/sessions/nope/keys").then(), 404, "session-not-found");
        isProblem(service().delete("/api/v1/sessions/nope").then(), 404, "session-not-found");
        isProblem(given().get("/api/v1/tickets/nope").then(), 404, "ticket-not-found");
        isProblem(given().get("/api/v1/no-such-thing").then(), 404, "not-found");
    }

    @Test
    void badInputIsAClear4xx() {
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{\"nonsense\":")
                        .post("/api/v1/sessions")
                        .then(),
                400,
                "malformed-body");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{\"keys\": 5}")
                        .post("/api/v1/sessions")
                        .then(),
                400,
                "malformed-body");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{\"expiresAt\": \"tomorrow\"}")
                        .post("/api/v1/sessions")
                        .then(),
                400,
                "malformed-body");
        isProblem(
                service().contentType(ContentType.JSON).post("/api/v1/sessions").then(),
                400,
                "invalid-request");
        service()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("handshakeId"))
                .body("errors.field", hasItem("keys"))
                .body("errors.field", hasItem("protocolVersion"));

        Map<String, Object> old = session(newId(), "01");
        old.put("protocolVersion", "TLSv1.1");
        service()
                .contentType(ContentType.JSON)
                .body(old)
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("protocolVersion"));

        Map<String, Object> badKey = session(newId(), "01");
        badKey.put("keys", Map.of("clientTrafficSecret", "%%% not base64"));
        String answer =
                service()
                        .contentType(ContentType.JSON)
                        .body(badKey)
                        .post("/api/v1/sessions")
                        .then()
                        .statusCode(400)
                        .body("errors.field", hasItem("keys.clientTrafficSecret"))
                        .extract()
                        .asString();
        assertThat(answer).doesNotContain("%%% not base64");

        Map<String, Object> badId = session("../../etc/passwd", "01");
        service()
                .contentType(ContentType.JSON)
                .body(badId)
                .post("/api/v1/sessions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("id"));

        Map<String, Object> past = session(newId(), "01");
        past.put("expiresAt", Instant.now().minusSeconds(5).toString());
        isProblem(
                service().contentType(ContentType.JSON).body(past).post("/api/v1/sessions").then(),
                400,
                "invalid-request");

        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body("{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                        .post("/api/v1/sessions")
                        .then(),
                413,
                "body-too-large");
        isProblem(
                service()
                        .contentType(ContentType.TEXT)
                        .body("hello")
                        .post("/api/v1/sessions")
                        .then(),
                415,
                "unsupported-media-type");
        isProblem(service().get("/api/v1/sessions?state=WHATEVER").then(), 400, "invalid-request");
        isProblem(service().get("/api/v1/sessions?limit=100000").then(), 400, "invalid-request");
        // the listing names every client and certificate: the service token only
        isProblem(given().get("/api/v1/sessions").then(), 401, "unauthorized");
    }

    @Test
    void aDuplicateRegistrationIsAConflictAndKeepsTheFirst() {
        String id = create(session(newId(), "AB01"));
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body(session(id, "AB02"))
                        .post("/api/v1/sessions")
                        .then(),
                409,
                "session-exists");
        given().get("/api/v1/sessions/" + id)
                .then()
                .body("serverCertificateSerial", equalTo("AB01"));
    }

    @Test
    void listsByFilterWithPages() {
        String client = "lister-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> s = session(newId(), "C0FFEE");
            s.put("client", client);
            ids.add(create(s));
        }
        service().delete("/api/v1/sessions/" + ids.get(0)).then().statusCode(200);

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            var req = service().queryParam("client", client).queryParam("limit", 2);
            if (after != null) {
                req = req.queryParam("after", after);
            }
            var page = req.get("/api/v1/sessions").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
        } while (after != null);
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());

        service()
                .queryParam("client", client)
                .queryParam("state", "active")
                .get("/api/v1/sessions")
                .then()
                .body("items", hasSize(4))
                .body("items.id", not(hasItem(ids.get(0))));
        service()
                .queryParam("client", client)
                .queryParam("state", "CLOSED")
                .get("/api/v1/sessions")
                .then()
                .body("items.id", equalTo(List.of(ids.get(0))));
    }

    // --- tickets

    static Map<String, Object> ticket(String sessionId, String identity) {
        Map<String, Object> t = new HashMap<>();
        t.put("sessionId", sessionId);
        t.put("kind", "psk");
        t.put("identity", b64(identity.getBytes(StandardCharsets.UTF_8)));
        t.put("secret", RESUMPTION_KEY);
        return t;
    }

    static ValidatableResponse lookup(String identity) {
        return service()
                .contentType(ContentType.JSON)
                .body(Map.of("identity", b64(identity.getBytes(StandardCharsets.UTF_8))))
                .post("/api/v1/tickets/lookup")
                .then();
    }

    @Test
    void aTicketResolvesOnceThenIsRefused() {
        String id = create(session(newId(), "7101"));
        String identity = "ticket-" + UUID.randomUUID();
        String ticketId =
                service()
                        .contentType(ContentType.JSON)
                        .body(ticket(id, identity))
                        .post("/api/v1/tickets")
                        .then()
                        .statusCode(201)
                        .body("sessionId", equalTo(id))
                        .body("kind", equalTo("psk"))
                        .body("maxUses", equalTo(1))
                        .body("usesLeft", equalTo(1))
                        .body("state", equalTo("VALID"))
                        .body(not(containsString(RESUMPTION_KEY)))
                        .extract()
                        .path("ticketId");
        given().get("/api/v1/tickets/" + ticketId)
                .then()
                .statusCode(200)
                .body(not(containsString(RESUMPTION_KEY)));

        isProblem(
                given().contentType(ContentType.JSON)
                        .body(Map.of("identity", b64(identity.getBytes(StandardCharsets.UTF_8))))
                        .post("/api/v1/tickets/lookup")
                        .then(),
                401,
                "unauthorized");
        lookup(identity)
                .statusCode(200)
                .body("secret", equalTo(RESUMPTION_KEY))
                .body("ticket.ticketId", equalTo(ticketId))
                .body("ticket.state", equalTo("USED"))
                .body("session.id", equalTo(id))
                .body("session.cipherSuite", equalTo("TLS_AES_128_GCM_SHA256"));
        isProblem(lookup(identity), 409, "ticket-already-used");
        isProblem(lookup("never-" + UUID.randomUUID()), 404, "ticket-not-found");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body(ticket(id, identity))
                        .post("/api/v1/tickets")
                        .then(),
                409,
                "ticket-exists");

        // A resumed session records its origin.
        Map<String, Object> resumed = session(newId(), "7101");
        resumed.put("resumedFrom", id);
        resumed.put("resumptionMethod", "psk");
        String rid = create(resumed);
        given().get("/api/v1/sessions/" + rid)
                .then()
                .body("resumedFrom", equalTo(id))
                .body("resumptionMethod", equalTo("psk"));
    }

    @Test
    void ticketsExpireAndDieWithTheirSession() {
        String id = create(session(newId(), "7102"));
        String brief = "brief-" + UUID.randomUUID();
        Map<String, Object> t = ticket(id, brief);
        t.put("lifetimeSeconds", 1);
        String briefId =
                service()
                        .contentType(ContentType.JSON)
                        .body(t)
                        .post("/api/v1/tickets")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("ticketId");
        String kept = "kept-" + UUID.randomUUID();
        service()
                .contentType(ContentType.JSON)
                .body(ticket(id, kept))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);

        // The sweep expires it without a lookup (a lookup before that would spend it).
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/tickets/" + briefId)
                                        .then()
                                        .body("state", equalTo("EXPIRED")));
        isProblem(lookup(brief), 410, "ticket-expired");

        service()
                .delete("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .body("ticketsWithdrawn", equalTo(1));
        isProblem(lookup(kept), 410, "ticket-withdrawn");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body(ticket(id, "late-" + UUID.randomUUID()))
                        .post("/api/v1/tickets")
                        .then(),
                410,
                "session-ended");
        Map<String, Object> bad = ticket(id, "x");
        bad.put("kind", "carrier-pigeon");
        bad.put("identity", "!!");
        service()
                .contentType(ContentType.JSON)
                .body(bad)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("identity"));
    }

    // --- expiry and revocation

    @Test
    void sessionsExpireWithoutAnyoneAsking() {
        Map<String, Object> s = session(newId(), "E1");
        s.put("lifetimeSeconds", 1);
        String id = create(s);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sessions/" + id)
                                        .then()
                                        .body("state", equalTo("EXPIRED")));
        isProblem(service().get("/api/v1/sessions/" + id + "/keys").then(), 410, "session-ended");
        List<EventEnvelope> events =
                SessionTopic.of(
                        SessionTopic.read(
                                SessionTopic.hasTypes(
                                        id, "tls.session.expired", "tls.session.keys-destroyed"),
                                Duration.ofSeconds(20)),
                        id);
        assertThat(events)
                .extracting(EventEnvelope::type)
                .contains("tls.session.expired", "tls.session.keys-destroyed");
    }

    /**
     * A {@code certificate.revoked} the CA does not confirm, written by a plain producer as any
     * Kafka client could: no session ends, and it is counted.
     */
    @Test
    void aForgedRevocationOnKafkaTerminatesNothing() throws Exception {
        String serial = "FEED" + Long.toHexString(System.nanoTime()).toUpperCase();
        String victim = create(session(newId(), serial));
        String marker = "FACE" + Long.toHexString(System.nanoTime()).toUpperCase();
        String witness = create(session(newId(), marker));
        String bootstrap = SharedBroker.get().bootstrapServers();
        try (EventPublisher publisher = EventPublisher.create(bootstrap, "/forger", Map.of())) {
            publisher
                    .publish(
                            new CertificateRevoked(
                                    serial, "CN=x\nforged", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
            // A genuine one after it: once it has acted, the forged one has been read too.
            TestCaPeer.revoke(marker);
            publisher
                    .publish(new CertificateRevoked(marker, "CN=y", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sessions/" + witness)
                                        .then()
                                        .body("state", equalTo("TERMINATED")));
        given().get("/api/v1/sessions/" + victim).then().body("state", equalTo("ACTIVE"));
        service().get("/api/v1/sessions/" + victim + "/keys").then().statusCode(200);
    }

    @Test
    void revocationOnKafkaTerminatesSessionsAndTicketsWithinSeconds() throws Exception {
        String serial = "ABCDEF" + Long.toHexString(System.nanoTime()).toUpperCase();
        String viaServer = create(session(newId(), serial));
        Map<String, Object> mtls = session(newId(), "0123");
        mtls.put("clientCertificateSerial", serial.toLowerCase());
        String viaClient = create(mtls);
        String bystander = create(session(newId(), "0124"));
        String identity = "rev-" + UUID.randomUUID();
        service()
                .contentType(ContentType.JSON)
                .body(ticket(viaServer, identity))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);

        String bootstrap = SharedBroker.get().bootstrapServers();
        long[] revokedAt = new long[1];
        // Noise first: a record that is not JSON and an event of another type must not stall the
        // consumer.
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            raw.send(
                            new ProducerRecord<>(
                                    Topics.CERTIFICATES,
                                    serial,
                                    "not an event".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        try (EventPublisher publisher = EventPublisher.create(bootstrap, "/test", Map.of())) {
            publisher
                    .publish(
                            new CertificateIssued(
                                    serial,
                                    "CN=x",
                                    "CN=ca",
                                    "server",
                                    "EC P-256",
                                    List.of("DNS:x"),
                                    Instant.now(),
                                    Instant.now().plusSeconds(60),
                                    "00"))
                    .toCompletableFuture()
                    .get();
            revokedAt[0] = System.nanoTime();
            TestCaPeer.revoke(serial);
            publisher
                    .publish(
                            new CertificateRevoked(
                                    serial, "CN=handshake", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
        }

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> {
                            given().get("/api/v1/sessions/" + viaServer)
                                    .then()
                                    .body("state", equalTo("TERMINATED"));
                            given().get("/api/v1/sessions/" + viaClient)
                                    .then()
                                    .body("state", equalTo("TERMINATED"));
                        });
        System.out.printf(
                "revocation cascade: sessions seen terminated %d ms after the publish%n",
                (System.nanoTime() - revokedAt[0]) / 1_000_000);
        given().get("/api/v1/sessions/" + bystander).then().body("state", equalTo("ACTIVE"));
        isProblem(lookup(identity), 410, "ticket-withdrawn");
        isProblem(
                service().get("/api/v1/sessions/" + viaClient + "/keys").then(),
                410,
                "session-ended");
        isProblem(
                service()
                        .contentType(ContentType.JSON)
                        .body(session(newId(), serial))
                        .post("/api/v1/sessions")
                        .then(),
                409,
                "certificate-revoked");

        List<EventEnvelope> events =
                SessionTopic.of(
                        SessionTopic.read(
                                SessionTopic.hasTypes(
                                        viaServer,
                                        "tls.session.terminated",
                                        "tls.session.keys-destroyed"),
                                Duration.ofSeconds(20)),
                        viaServer);
        SessionTerminated terminated =
                events.stream()
                        .map(EventEnvelope::data)
                        .filter(SessionTerminated.class::isInstance)
                        .map(SessionTerminated.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(terminated.reason()).isEqualTo("certificate-revoked");
        assertThat(terminated.certificateSerial()).isEqualTo(serial);
    }

    // --- concurrency, metrics, OpenAPI

    @Test
    void parallelCreatesAndClosesThroughHttpLoseNothing() throws Exception {
        int n = 60;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(newId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (String id : ids) {
                for (int copy = 0; copy < 2; copy++) {
                    creates.add(
                            () ->
                                    service()
                                            .contentType(ContentType.JSON)
                                            .body(session(id, "CC01"))
                                            .post("/api/v1/sessions")
                                            .statusCode());
                }
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(creates)) {
                codes.add(f.get());
            }
            assertThat(codes.stream().filter(c -> c == 201)).hasSize(n);
            assertThat(codes.stream().filter(c -> c == 409)).hasSize(n);

            List<Callable<Boolean>> closes = new ArrayList<>();
            for (String id : ids) {
                for (int copy = 0; copy < 2; copy++) {
                    closes.add(
                            () ->
                                    !service()
                                            .delete("/api/v1/sessions/" + id)
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath()
                                            .getBoolean("alreadyEnded"));
                }
            }
            int firstCloses = 0;
            for (Future<Boolean> f : pool.invokeAll(closes)) {
                firstCloses += f.get() ? 1 : 0;
            }
            assertThat(firstCloses).isEqualTo(n);
            for (String id : ids) {
                given().get("/api/v1/sessions/" + id).then().body("state", equalTo("CLOSED"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishesMetricsAndOpenApi() {
        String id = create(session(newId(), "3E01"));
        service().delete("/api/v1/sessions/" + id).then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sessionstore_sessions_live"))
                .body(containsString("sessionstore_tickets_live"))
                .body(containsString("sessionstore_sessions_deleted_total{cause=\"closed\"}"));
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/sessions/{id}/keys"))
                .body(containsString("/api/v1/tickets/lookup"))
                .body(containsString("/api/v1/session-batches"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("Session backend"));
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }
}
