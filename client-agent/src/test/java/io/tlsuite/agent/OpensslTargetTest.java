package io.tlsuite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tlsuite.agent.support.AgentRuns;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openssl s_server -www} as an independent tcp target, with a certificate the suite CA
 * issued for localhost: the agent's checks (OCSP included) and both versions work against it.
 * Without a staple the agent asks the CA's responder itself ({@code revocation: ocsp}); a second
 * s_server staples the CA's real response ({@code -status_file}, fetched with {@code openssl ocsp})
 * and the agent takes it ({@code revocation: stapled-ocsp}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class OpensslTargetTest {
    static Process server;
    static int port;
    static Process stapling;
    static int staplingPort;

    @BeforeAll
    static void startServer() throws Exception {
        if (SuiteServices.available() != null
                || !new java.io.File("/usr/bin/openssl").canExecute()) {
            return;
        }
        Path dir = Files.createTempDirectory("agent-openssl");
        Path key = dir.resolve("key.pem");
        Path csr = dir.resolve("csr.pem");
        run(
                "openssl",
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                key.toString(),
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost",
                "-out",
                csr.toString());
        String body =
                "{\"profile\":\"server\",\"validityDays\":2,\"csr\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(Files.readString(csr))
                        + "}";
        String answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        SuiteServices.caUrl
                                                                + "/api/v1/certificates"))
                                        .header("Content-Type", "application/json")
                                        // Issuance needs a caller (the admin token also works).
                                        .header(
                                                "Authorization",
                                                "Bearer " + SuiteServices.ADMIN_TOKEN)
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        JsonPath issued = JsonPath.from(answer);
        Path cert = dir.resolve("cert.pem");
        Path chain = dir.resolve("chain.pem");
        Files.writeString(cert, issued.getString("certificate"));
        Files.writeString(chain, issued.getString("chain"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server =
                new ProcessBuilder(
                                "openssl",
                                "s_server",
                                "-accept",
                                "127.0.0.1:" + port,
                                "-cert",
                                cert.toString(),
                                "-key",
                                key.toString(),
                                "-cert_chain",
                                chain.toString(),
                                "-www",
                                "-quiet")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("s_server.log").toFile())
                        .start();
        awaitPort(port);
        // The CA's own OCSP response for this certificate, as an operator would fetch it for
        // s_server -status_file.
        Path response = dir.resolve("ocsp.der");
        run(
                "openssl",
                "ocsp",
                "-issuer",
                chain.toString(),
                "-cert",
                cert.toString(),
                "-url",
                SuiteServices.caUrl + "/ocsp",
                "-no_nonce",
                "-noverify",
                "-respout",
                response.toString());
        try (ServerSocket s = new ServerSocket(0)) {
            staplingPort = s.getLocalPort();
        }
        stapling =
                new ProcessBuilder(
                                "openssl",
                                "s_server",
                                "-accept",
                                "127.0.0.1:" + staplingPort,
                                "-cert",
                                cert.toString(),
                                "-key",
                                key.toString(),
                                "-cert_chain",
                                chain.toString(),
                                "-status_file",
                                response.toString(),
                                "-www",
                                "-quiet")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("s_server-stapling.log").toFile())
                        .start();
        awaitPort(staplingPort);
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.destroy();
        }
        if (stapling != null) {
            stapling.destroy();
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void tls13AndTls12AgainstOpensslServer() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        assumeTrue(server != null, "openssl is not installed");
        for (String scenario : new String[] {"tls13", "tls12-ecdhe"}) {
            JsonPath run = AgentRuns.play(scenario, "tcp", 3, 1, "localhost:" + port);
            assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(3);
            assertThat(run.getString("firstResult.negotiated.serverCertificate"))
                    .contains("CN=localhost");
            // No staple from this s_server: the agent asked the CA's responder itself.
            assertThat(run.getString("firstResult.revocation")).isEqualTo("ocsp");
        }
    }

    @Test
    void aStapleFromOpensslServerDecidesInBothVersions() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        assumeTrue(stapling != null, "openssl is not installed");
        for (String scenario : new String[] {"tls13", "tls12-ecdhe"}) {
            JsonPath run = AgentRuns.play(scenario, "tcp", 1, 1, "localhost:" + staplingPort);
            assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
            assertThat(run.getString("firstResult.revocation")).isEqualTo("stapled-ocsp");
            List<Map<String, Object>> checks = run.getList("firstResult.checks");
            assertThat(checks)
                    .anySatisfy(
                            c -> {
                                assertThat(c.get("name")).isEqualTo("revocation");
                                assertThat((String) c.get("detail"))
                                        .startsWith("stapled-ocsp: good");
                            });
        }
    }
}
