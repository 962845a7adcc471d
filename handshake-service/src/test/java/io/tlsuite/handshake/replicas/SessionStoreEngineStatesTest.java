package io.tlsuite.handshake.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tlsuite.handshake.replicas.EngineStateStore.Fetch;
import io.tlsuite.handshake.replicas.EngineStateStore.Kind;
import io.tlsuite.handshake.replicas.EngineStateStore.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine-state client against a stand-in of the session store's contract: what it sends (token,
 * entity tags, kind, time to live) and how it reads each answer.
 */
class SessionStoreEngineStatesTest {

    record Call(
            String method,
            String path,
            String authorization,
            String ifMatch,
            String ifNoneMatch,
            String body) {}

    record Reply(int status, String etag, String body) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Set<Integer> peers = ConcurrentHashMap.newKeySet();
    HttpServer server;

    SessionStoreEngineStates storeAnswering(Function<Call, Reply> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext(
                "/api/v1/engine-states/",
                ex -> {
                    peers.add(ex.getRemoteAddress().getPort());
                    Call c =
                            new Call(
                                    ex.getRequestMethod(),
                                    ex.getRequestURI().toString(),
                                    ex.getRequestHeaders().getFirst("Authorization"),
                                    ex.getRequestHeaders().getFirst("If-Match"),
                                    ex.getRequestHeaders().getFirst("If-None-Match"),
                                    new String(
                                            ex.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8));
                    calls.add(c);
                    reply(ex, answer.apply(c));
                });
        server.start();
        return new SessionStoreEngineStates(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                Optional.of("tok"),
                Path.of("/nonexistent"),
                Duration.ofSeconds(2),
                new ObjectMapper());
    }

    static void reply(HttpExchange ex, Reply r) throws IOException {
        if (r.etag() != null) {
            ex.getResponseHeaders().add("ETag", r.etag());
        }
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(r.status(), r.status() == 304 ? -1 : body.length);
        if (r.status() != 304) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void writesNameTheirVersionAndReadTheNewOne() throws Exception {
        SessionStoreEngineStates store =
                storeAnswering(
                        c ->
                                new Reply(
                                        c.ifMatch() == null ? 201 : 200,
                                        "\"" + (c.ifMatch() == null ? 1 : 8) + "\"",
                                        "{}"));
        EngineStateStore.Write created =
                store.create("hs-1", Kind.HANDSHAKE, new byte[] {1, 2}, Duration.ofMillis(2500));
        assertThat(created.won()).isTrue();
        assertThat(created.version()).isEqualTo(1);
        EngineStateStore.Write replaced =
                store.replace("hs-1", 7, Kind.SESSION, new byte[] {3}, Duration.ofMinutes(11));
        assertThat(replaced.version()).isEqualTo(8);

        Call create = calls.get(0);
        assertThat(create.method()).isEqualTo("PUT");
        assertThat(create.path()).isEqualTo("/api/v1/engine-states/hs-1");
        assertThat(create.authorization()).isEqualTo("Bearer tok");
        assertThat(create.ifNoneMatch()).isEqualTo("*");
        var body = new ObjectMapper().readTree(create.body());
        assertThat(body.path("kind").asText()).isEqualTo("handshake");
        assertThat(body.path("snapshot").asText()).isEqualTo("AQI=");
        assertThat(body.path("ttlSeconds").asLong()).isEqualTo(3); // rounded up
        assertThat(calls.get(1).ifMatch()).isEqualTo("\"7\"");
        assertThat(new ObjectMapper().readTree(calls.get(1).body()).path("kind").asText())
                .isEqualTo("session");
    }

    @Test
    void readsEveryAnswerOfTheStore() throws Exception {
        SessionStoreEngineStates store =
                storeAnswering(
                        c ->
                                switch (c.path()) {
                                    case "/api/v1/engine-states/current" ->
                                            c.ifNoneMatch() != null
                                                    ? new Reply(304, "\"4\"", null)
                                                    : new Reply(
                                                            200,
                                                            "\"4\"",
                                                            "{\"version\":4,\"snapshot\":\"CQk=\"}");
                                    case "/api/v1/engine-states/ended" ->
                                            new Reply(
                                                    410,
                                                    null,
                                                    "{\"type\":\"https://tlsuite.dev/problems/engine-state-ended\",\"endReason\":\"complete (session s)\"}");
                                    case "/api/v1/engine-states/expired" ->
                                            new Reply(
                                                    410,
                                                    null,
                                                    "{\"type\":\"https://tlsuite.dev/problems/engine-state-expired\"}");
                                    case "/api/v1/engine-states/denied" ->
                                            new Reply(403, null, "{\"type\":\"x/forbidden\"}");
                                    default -> new Reply(404, null, "{}");
                                });
        Fetch current = store.fetch("current", 0);
        assertThat(current).isInstanceOf(Fetch.Current.class);
        assertThat(((Fetch.Current) current).version()).isEqualTo(4);
        assertThat(((Fetch.Current) current).state()).containsExactly(9, 9);
        assertThat(store.fetch("current", 4)).isEqualTo(new Fetch.Unchanged(4));
        assertThat(calls.get(1).ifNoneMatch()).isEqualTo("\"4\"");
        assertThat(store.fetch("ended", 0)).isEqualTo(new Fetch.Ended("complete (session s)"));
        assertThat(store.fetch("expired", 0)).isInstanceOf(Fetch.Expired.class);
        assertThat(store.fetch("nothing", 0)).isInstanceOf(Fetch.Missing.class);
        assertThat(store.fetch("denied", 0)).isInstanceOf(Fetch.Unavailable.class);
        assertThat(store.failures()).isEqualTo(1);
        assertThat(store.calls()).isEqualTo(6);
    }

    @Test
    void aLostRaceIsNotAnOutage() throws Exception {
        SessionStoreEngineStates store =
                storeAnswering(
                        c ->
                                switch (c.method()) {
                                    case "PUT" ->
                                            new Reply(
                                                    412,
                                                    "\"9\"",
                                                    "{\"type\":\"https://tlsuite.dev/problems/version-mismatch\"}");
                                    default ->
                                            c.path().contains("again")
                                                    ? new Reply(
                                                            200, "\"3\"", "{\"alreadyEnded\":true}")
                                                    : new Reply(
                                                            200,
                                                            "\"3\"",
                                                            "{\"alreadyEnded\":false}");
                                });
        assertThat(
                        store.replace(
                                        "hs",
                                        1,
                                        Kind.HANDSHAKE,
                                        new byte[] {1},
                                        Duration.ofSeconds(1))
                                .outcome())
                .isEqualTo(Outcome.LOST);
        EngineStateStore.Write ended = store.end("hs", 2, "complete (session s)");
        assertThat(ended.won()).isTrue();
        assertThat(ended.version()).isEqualTo(3);
        assertThat(calls.get(1).method()).isEqualTo("DELETE");
        assertThat(calls.get(1).ifMatch()).isEqualTo("\"2\"");
        assertThat(calls.get(1).path())
                .isEqualTo("/api/v1/engine-states/hs?reason=complete+%28session+s%29");
        assertThat(store.end("again", 2, "x").outcome()).isEqualTo(Outcome.LOST);
    }

    @Test
    void aStoreThatIsDownIsUnavailableNeverAnException() {
        SessionStoreEngineStates store =
                new SessionStoreEngineStates(
                        "http://127.0.0.1:1",
                        Optional.of("tok"),
                        Path.of("/x"),
                        Duration.ofMillis(500),
                        new ObjectMapper());
        assertThat(store.fetch("hs", 0)).isInstanceOf(Fetch.Unavailable.class);
        assertThat(
                        store.create("hs", Kind.HANDSHAKE, new byte[] {1}, Duration.ofSeconds(1))
                                .outcome())
                .isEqualTo(Outcome.UNAVAILABLE);
        assertThat(store.end("hs", 1, "x").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        SessionStoreEngineStates noToken =
                new SessionStoreEngineStates(
                        "http://127.0.0.1:1",
                        Optional.empty(),
                        Path.of("/nonexistent/token"),
                        Duration.ofMillis(500),
                        new ObjectMapper());
        assertThat(noToken.fetch("hs", 0)).isInstanceOf(Fetch.Unavailable.class);
    }

    @Test
    void callsOneAfterAnotherShareOneKeptAliveConnection() throws Exception {
        SessionStoreEngineStates store = storeAnswering(c -> new Reply(304, null, null));
        for (int i = 0; i < 5; i++) {
            assertThat(store.fetch("hs", 3)).isInstanceOf(Fetch.Unchanged.class);
        }
        assertThat(calls).hasSize(5);
        assertThat(peers).as("client ports seen by the store").hasSize(1);
    }

    @Test
    @Timeout(20)
    void aStoreThatTakesTheConnectionButNeverAnswersIsUnavailable() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent =
                new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                try {
                                    held.add(silent.accept()); // reads nothing, answers nothing
                                } catch (IOException e) {
                                    // the test ended
                                }
                            });
            acceptor.start();
            SessionStoreEngineStates store =
                    new SessionStoreEngineStates(
                            "http://127.0.0.1:" + silent.getLocalPort(),
                            Optional.of("tok"),
                            Path.of("/x"),
                            Duration.ofMillis(300),
                            new ObjectMapper());
            assertThat(store.fetch("hs", 0)).isInstanceOf(Fetch.Unavailable.class);
            assertThat(store.failures()).isEqualTo(1);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
