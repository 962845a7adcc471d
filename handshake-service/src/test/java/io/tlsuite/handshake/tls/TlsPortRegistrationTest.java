package io.tlsuite.handshake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.sessions.SessionRegistry;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestTls;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The TLS port registers its sessions in the store asynchronously, in batches: a session whose
 * registration has not reached the store yet (the store holds every request until the test lets it
 * go) still resumes, since resumption on the TLS port rests on the sealed ticket alone (any replica
 * holding the shared ticket key opens it); when the store answers, both sessions arrive, the
 * resumed one naming the one it came from, and each close after its registration.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
@WithTestResource(TlsPortRegistrationTest.HeldStore.class)
class TlsPortRegistrationTest {

    /** A stand-in session store whose requests wait for {@link #release}. */
    public static class HeldStore implements QuarkusTestResourceLifecycleManager {
        static final List<JsonNode> operations = new CopyOnWriteArrayList<>();
        static final CountDownLatch release = new CountDownLatch(1);
        static final CountDownLatch firstArrived = new CountDownLatch(1);
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext(
                    "/api/v1/session-batches",
                    ex -> {
                        firstArrived.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        answer(ex, new ObjectMapper().readTree(ex.getRequestBody()));
                    });
            server.createContext(
                    "/api/v1/sessions",
                    ex -> {
                        // A batch of one goes as a single call: record it the same way.
                        firstArrived.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        JsonNode op =
                                ex.getRequestMethod().equals("POST")
                                        ? JsonNodeFactory.instance
                                                .objectNode()
                                                .set(
                                                        "register",
                                                        new ObjectMapper()
                                                                .readTree(ex.getRequestBody()))
                                        : JsonNodeFactory.instance
                                                .objectNode()
                                                .set(
                                                        "close",
                                                        JsonNodeFactory.instance
                                                                .objectNode()
                                                                .put(
                                                                        "id",
                                                                        ex.getRequestURI()
                                                                                .getPath()
                                                                                .replaceFirst(
                                                                                        ".*/",
                                                                                        "")));
                        operations.add(op);
                        ex.sendResponseHeaders(op.has("register") ? 201 : 200, -1);
                        ex.close();
                    });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of(
                    "handshake.session-store.enabled", "true",
                    "handshake.session-store.url", url,
                    "handshake.session-store.token", "test-token",
                    // REST state sharing stays off: this test is about the TLS port's sessions.
                    "handshake.replicas.share-state", "false");
        }

        private static void answer(com.sun.net.httpserver.HttpExchange ex, JsonNode body)
                throws IOException {
            ArrayNode results = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (JsonNode op : body.path("operations")) {
                operations.add(op);
                results.addObject().put("index", i++).put("status", op.has("register") ? 201 : 200);
            }
            byte[] answer =
                    new ObjectMapper()
                            .writeValueAsBytes(
                                    Map.of("succeeded", i, "failed", 0, "results", results));
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        }

        @Override
        public void stop() {
            release.countDown();
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private static final Pattern SESSION_ID =
            Pattern.compile("<th>session id</th><td>([0-9a-f-]{36})</td>");

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;
    @Inject TlsPortServer server;
    @Inject SessionRegistry registry;

    @Test
    void aSessionNotYetInTheStoreResumesAndBothArriveInOrder() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        X509Certificate root = enrolment.current().orElseThrow().root();
        Path ticket = Files.createTempFile("session", ".pem");

        String first = page(root, "-tls1_3", "-sess_out", ticket.toString());
        assertThat(first).contains("New, TLSv1.3").contains("HTTP/1.1 200 OK");
        String firstId = sessionId(first);
        // The store has the first registration in hand and has not answered.
        HeldStore.firstArrived.await();
        assertThat(registry.registeredCount()).isZero();

        String second = page(root, "-tls1_3", "-sess_in", ticket.toString());
        assertThat(second).contains("Reused, TLSv1.3").contains("<th>resumed</th><td>yes</td>");
        String secondId = sessionId(second);
        assertThat(secondId).isNotEqualTo(firstId);

        HeldStore.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.registeredCount() == 2);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                HeldStore.operations.stream().filter(o -> o.has("close")).count()
                                        == 2);
        List<String> order = new ArrayList<>();
        for (JsonNode op : HeldStore.operations) {
            order.add(
                    op.has("register")
                            ? "register " + op.path("register").path("id").asText()
                            : "close " + op.path("close").path("id").asText());
        }
        assertThat(order)
                .containsExactly(
                        "register " + firstId,
                        "close " + firstId,
                        "register " + secondId,
                        "close " + secondId);
        JsonNode resumed = HeldStore.operations.get(2).path("register");
        assertThat(resumed.path("resumedFrom").asText()).isEqualTo(firstId);
        assertThat(resumed.path("resumptionMethod").asText()).isEqualTo("psk");
        assertThat(resumed.path("keys").path("serverTrafficSecret").asText()).isNotEmpty();
        assertThat(registry.failedCount()).isZero();
    }

    private String page(X509Certificate root, String... options) throws Exception {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "s_client",
                        "-connect",
                        "localhost:" + server.port(),
                        "-servername",
                        "localhost",
                        "-CAfile",
                        TestTls.writePem(root).toString(),
                        "-ign_eof"));
        args.addAll(List.of(options));
        return TestTls.openssl(
                "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", args);
    }

    private static String sessionId(String page) {
        Matcher m = SESSION_ID.matcher(page);
        assertThat(m.find()).as("a session id on the page").isTrue();
        return m.group(1);
    }
}
