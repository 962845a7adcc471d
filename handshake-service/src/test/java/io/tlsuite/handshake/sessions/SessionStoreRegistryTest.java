package io.tlsuite.handshake.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
