package io.tlsuite.handshake.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tlsuite.handshake.support.StandInSessionStore;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.SessionSecrets;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.config.TlsConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** The session store client against a stand-in HTTP server that records what it receives. */
class SessionStoreRegistryTest {

    record Call(String method, String path, String authorization, String body) {}

    static SessionSecrets secrets() throws Exception {
        try (TestCertificateAuthority ca = new TestCertificateAuthority()) {
            var kp = TestCertificateAuthority.keyPair();
            var leaf =
                    ca.issueFor(
                            kp.getPublic(),
                            "localhost",
                            KeyPurposeId.id_kp_serverAuth,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            TlsEngine server =
                    TlsEngine.server(
                            TlsConfig.builder()
                                    .certificate(List.of(leaf), kp.getPrivate())
                                    .build());
            TlsEngine client =
                    TlsEngine.client(
                            TlsConfig.builder()
                                    .certificateValidator(CertificateValidator.insecureAcceptAll())
                                    .build());
            EngineOutput s = server.feed(client.start().outbound());
            server.feed(client.feed(s.outbound()).outbound());
            return server.sessionSecrets();
        }
    }

    static CompletedSession session(String id, SessionSecrets secrets) {
        return new CompletedSession(
                id,
                "hs-" + id,
                "127.0.0.1:5555",
                "handshake-service/test",
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                "abc123",
                null,
                null,
                Instant.now(),
                secrets);
    }

    static SessionStoreRegistry registry(String url, int maxBatch, Duration linger) {
        return new SessionStoreRegistry(
                url,
                Optional.of("tok"),
                Path.of("/nonexistent"),
                new ObjectMapper(),
                maxBatch,
                linger);
    }

    @Test
    void sessionsQueuedWhileTheStoreIsBusyTravelTogetherAndNoneIsLost() throws Exception {
        SessionSecrets secrets = secrets();
        try (StandInSessionStore store = new StandInSessionStore(true)) {
            SessionStoreRegistry registry = registry(store.url(), 100, Duration.ZERO);
            List<SessionSecrets> copies = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            // The first registration is sent at once, and the store holds that request ...
            SessionSecrets first = copy(secrets);
            copies.add(first);
            registry.registered(session("s-0", first));
            expected.add("register s-0");
            store.firstArrived.await();
            // ... so everything that happens meanwhile (its close, 150 more sessions and their
            // closes) waits in the queue, and must go in batches of at most 100.
            registry.closed("s-0", "client", "close_notify");
            expected.add("close s-0");
            for (int i = 1; i <= 150; i++) {
                SessionSecrets c = copy(secrets);
                copies.add(c);
                registry.registered(session("s-" + i, c));
                registry.closed("s-" + i, "client", "close_notify");
                expected.add("register s-" + i);
                expected.add("close s-" + i);
            }
            store.release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.registeredCount() == 151);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.operations.size() == 302);
            // Every registration and close arrived once, in the order they happened.
            assertThat(store.received()).containsExactlyElementsOf(expected);
            // 300 operations queued behind a busy store went in batches of at most 100.
            assertThat(store.batchSizes).allMatch(n -> n <= 100);
            assertThat(registry.requestsSent()).isLessThanOrEqualTo(1 + 4);
            assertThat(registry.failedCount()).isZero();
            // The keys reached the store base64-encoded, and every copy was destroyed once sent.
            JsonNode reg = store.operations.get(2).path("register");
            assertThat(reg.path("keys").path("clientTrafficSecret").asText())
                    .isEqualTo(
                            java.util.Base64.getEncoder()
                                    .encodeToString(secrets.clientApplicationTrafficSecret()));
            assertThat(copies)
                    .allSatisfy(
                            c ->
                                    assertThat(c.clientApplicationTrafficSecret())
                                            .containsOnly((byte) 0));
            registry.close();
        }
    }

    @Test
    void aStoreWithoutTheBatchEndpointGetsEverySessionByItsSingleCall() throws Exception {
        SessionSecrets secrets = secrets();
        try (StandInSessionStore store = new StandInSessionStore(false)) {
            store.release.countDown();
            // A long linger: the ten registrations and closes are queued together.
            SessionStoreRegistry registry = registry(store.url(), 100, Duration.ofMillis(300));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                registry.registered(session("s-" + i, copy(secrets)));
                registry.closed("s-" + i, "server", "idle-timeout");
                expected.add("register s-" + i);
                expected.add("close s-" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> store.operations.size() == 20);
            assertThat(store.received()).containsExactlyElementsOf(expected);
            // The secrets survived the refused batch: each single registration carried them.
            assertThat(
                            store.operations
                                    .get(0)
                                    .path("register")
                                    .path("keys")
                                    .path("clientTrafficSecret")
                                    .asText())
                    .isEqualTo(
                            java.util.Base64.getEncoder()
                                    .encodeToString(secrets.clientApplicationTrafficSecret()));
            assertThat(registry.registeredCount()).isEqualTo(10);
            assertThat(registry.failedCount()).isZero();
            registry.close();
        }
    }

    @Test
    void closingSendsWhatIsQueuedAtOnce() throws Exception {
        SessionSecrets secrets = secrets();
        try (StandInSessionStore store = new StandInSessionStore(true)) {
            store.release.countDown();
            // A linger far longer than close() waits: only flushing at close sends these.
            SessionStoreRegistry registry = registry(store.url(), 100, Duration.ofMinutes(10));
            for (int i = 0; i < 5; i++) {
                registry.registered(session("s-" + i, copy(secrets)));
            }
            registry.closed("s-0", "server", "shutdown");
            registry.close();
            assertThat(store.received())
                    .containsExactly(
                            "register s-0",
                            "register s-1",
                            "register s-2",
                            "register s-3",
                            "register s-4",
                            "close s-0");
            assertThat(registry.registeredCount()).isEqualTo(5);
            // After close nothing more is taken; a late registration is counted, its keys dropped.
            SessionSecrets late = copy(secrets);
            registry.registered(session("s-late", late));
            assertThat(registry.failedCount()).isEqualTo(1);
            assertThat(late.clientApplicationTrafficSecret()).containsOnly((byte) 0);
        }
    }

    static SessionSecrets copy(SessionSecrets s) {
        return new SessionSecrets(
                s.isClient(),
                s.negotiated(),
                s.clientApplicationTrafficSecret(),
                s.serverApplicationTrafficSecret(),
                s.exporterMasterSecret(),
                s.resumptionMasterSecret(),
                0,
                0);
    }

    @Test
    void registersWithTheTokenFromTheFileAndClosesAndSurvivesAStoreThatIsDown() throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        HttpServer store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        store.createContext(
                "/api/v1/sessions",
                ex -> {
                    calls.add(
                            new Call(
                                    ex.getRequestMethod(),
                                    ex.getRequestURI().toString(),
                                    ex.getRequestHeaders().getFirst("Authorization"),
                                    new String(
                                            ex.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8)));
                    ex.sendResponseHeaders(ex.getRequestMethod().equals("POST") ? 201 : 200, -1);
                    ex.close();
                });
        store.start();
        Path tokenFile = Files.createTempFile("ss-token", "");
        Files.writeString(tokenFile, "s3cret-token\n");
        SessionStoreRegistry registry =
                new SessionStoreRegistry(
                        "http://127.0.0.1:" + store.getAddress().getPort(),
                        Optional.empty(),
                        tokenFile,
                        new ObjectMapper(),
                        100,
                        Duration.ofMillis(10));
        try {
            SessionSecrets secrets = secrets();
            registry.registered(
                    new CompletedSession(
                            "s-1",
                            "hs-1",
                            "127.0.0.1:5555",
                            "handshake-service/test",
                            "TLSv1.3",
                            "TLS_AES_128_GCM_SHA256",
                            "abc123",
                            null,
                            "s-0",
                            Instant.now(),
                            secrets));
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.registeredCount() == 1);
            Call post = calls.get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.authorization()).isEqualTo("Bearer s3cret-token");
            JsonNode body = new ObjectMapper().readTree(post.body());
            assertThat(body.path("id").asText()).isEqualTo("s-1");
            assertThat(body.path("protocolVersion").asText()).isEqualTo("TLSv1.3");
            assertThat(body.path("serverCertificateSerial").asText()).isEqualTo("abc123");
            assertThat(body.path("resumedFrom").asText()).isEqualTo("s-0");
            assertThat(body.path("resumptionMethod").asText()).isEqualTo("psk");
            assertThat(body.path("keys").path("clientTrafficSecret").asText()).isNotEmpty();
            // The registry destroyed its copy of the secrets once sent.
            assertThat(secrets.clientApplicationTrafficSecret()).containsOnly((byte) 0);

            registry.closed("s-1", "client", "close_notify");
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 2);
            assertThat(calls.get(1).method()).isEqualTo("DELETE");
            assertThat(calls.get(1).path())
                    .isEqualTo("/api/v1/sessions/s-1?closedBy=client&reason=close_notify");
        } finally {
            store.stop(0);
        }
        // The store is gone: registration fails, is counted, and nothing throws.
        registry.registered(
                new CompletedSession(
                        "s-2",
                        "hs-2",
                        "peer",
                        "server",
                        "TLSv1.3",
                        "TLS_AES_128_GCM_SHA256",
                        "abc123",
                        null,
                        null,
                        Instant.now(),
                        secrets()));
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.failedCount() == 1);
        registry.close();
    }
}
