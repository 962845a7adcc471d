package io.tlsuite.handshake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.handshake.CertificateSent;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.handshake.KeyExchangeDone;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.stapling.OcspStapler;
import io.tlsuite.handshake.support.HandshakeTopic;
import io.tlsuite.handshake.support.LegacyTls12Client;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestTls;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class TlsPortTest {

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;
    @Inject TlsPortServer server;
    @Inject java.util.Optional<OcspStapler> stapler;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    X509Certificate root;
    int port;

    @BeforeEach
    void enrolled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        root = enrolment.current().orElseThrow().root();
        port = server.port();
    }

    @Test
    void jdkSslSocketGetsThePageOverTls13AndTheServerClosesOnConnectionClose() throws Exception {
        try (SSLSocket s =
                (SSLSocket)
                        TestTls.trusting(root).getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(10_000);
            s.getSSLParameters().setEndpointIdentificationAlgorithm("HTTPS");
            var params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(s.getSession().getPeerCertificates()).hasSize(2);
            OutputStream out = s.getOutputStream();
            out.write(
                    "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response)
                    .startsWith("HTTP/1.1 200 OK")
                    .contains("Connection: close")
                    .contains("TLSv1.3")
                    .contains(s.getSession().getCipherSuite())
                    .contains("session id");
        }
    }

    @Test
    void jdkHttpClientGetsPageAndEchoesOnOneKeptAliveConnection() throws Exception {
        HttpClient client =
                HttpClient.newBuilder()
                        .sslContext(TestTls.trusting(root))
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        HttpResponse<String> page =
                client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("TLSv1.3").contains("resumed");
        HttpResponse<String> echo =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "https://localhost:"
                                                        + port
                                                        + "/echo?msg=hello%20tls"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(echo.body()).startsWith("hello tls\n");
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/echo"))
                                .POST(HttpRequest.BodyPublishers.ofString("posted body"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body())
                .startsWith("posted body\n")
                .contains("echoed by the handshake service at");
        HttpResponse<String> missing =
                client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/nothing"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aClientThatSaysNothingIsClosedAtTheFirstByteTimeout() throws Exception {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            assertThat(readOrEnd(s.getInputStream())).isEqualTo(-1);
        }
        // first-byte timeout is 1 s in tests, the handshake timeout 2 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void oneAddressGetsAtMostItsShareOfThePool() throws Exception {
        // max-connections-per-address is 6 in tests: the seventh is closed at accept
        List<Socket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write(new byte[] {22, 3, 1}); // a handshake under way
                held.add(s);
            }
            try (Socket extra = new Socket("127.0.0.1", port)) {
                extra.setSoTimeout(5_000);
                assertThat(readOrEnd(extra.getInputStream()))
                        .as("the seventh connection is closed at once")
                        .isEqualTo(-1);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // the permits come back when the connections end: a full handshake works again
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> {
                            try (SSLSocket s =
                                    (SSLSocket)
                                            TestTls.trusting(root)
                                                    .getSocketFactory()
                                                    .createSocket("127.0.0.1", port)) {
                                s.startHandshake();
                                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
                            }
                        });
    }

    @Test
    void slowLorisIsCutOffAtTheHandshakeTimeout() throws Exception {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[] {22, 3, 1});
            out.flush();
            int read;
            try {
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(400);
                    out.write(0);
                    out.flush();
                }
                read = in.read();
            } catch (java.io.IOException e) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
        }
        // handshake timeout is 2 s in tests
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void opensslVerifiesEverySuiteAndGroupAndResumes() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        for (String suite :
                List.of(
                        "TLS_AES_128_GCM_SHA256",
                        "TLS_AES_256_GCM_SHA384",
                        "TLS_CHACHA20_POLY1305_SHA256")) {
            for (String group : List.of("X25519", "P-256")) {
                String out =
                        getPageWithOpenssl("-tls1_3", "-ciphersuites", suite, "-groups", group);
                assertThat(out)
                        .as(suite + " " + group)
                        .contains("Verify return code: 0 (ok)")
                        .contains("Cipher is " + suite)
                        .contains("HTTP/1.1 200 OK");
            }
        }
        Path session = Files.createTempFile("session", ".pem");
        String first = getPageWithOpenssl("-tls1_3", "-sess_out", session.toString());
        assertThat(first).contains("New, TLSv1.3");
        String second = getPageWithOpenssl("-tls1_3", "-sess_in", session.toString());
        assertThat(second).contains("Reused, TLSv1.3").contains("<th>resumed</th><td>yes</td>");
    }

    @Test
    void aClientThatOnlyAcceptsRsaSignaturesGetsTheRsaCertificate() throws Exception {
        // Both credentials come from the same enrolment: ECDSA P-256 first, RSA-2048 second.
        var credentials = enrolment.current().orElseThrow().credentials();
        assertThat(credentials).extracting(c -> c.keyAlgorithm()).containsExactly("EC", "RSA");
        try (SSLSocket s =
                (SSLSocket)
                        TestTls.trusting(root).getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            assertThat(leaf)
                    .as("the default pick is the first")
                    .isEqualTo(credentials.get(0).leaf());
        }
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        String out = getPageWithOpenssl("-tls1_3", "-sigalgs", "RSA-PSS+SHA256");
        // JDK 17 has no per-socket signature schemes (SSLParameters.setSignatureSchemes is 19+).
        assertThat(out)
                .contains("Verify return code: 0 (ok)")
                .contains("Peer signature type: RSA-PSS")
                .contains("Server public key is 2048 bit");
    }

    @Test
    void opensslTls12EcdheAndRsaKeyTransportWithExtendedMasterSecret() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        for (String cipher :
                List.of(
                        "ECDHE-ECDSA-AES128-GCM-SHA256",
                        "ECDHE-ECDSA-AES256-GCM-SHA384",
                        "ECDHE-ECDSA-CHACHA20-POLY1305",
                        "ECDHE-RSA-AES128-GCM-SHA256",
                        "ECDHE-RSA-AES256-GCM-SHA384",
                        "ECDHE-RSA-CHACHA20-POLY1305",
                        "AES128-GCM-SHA256",
                        "AES256-GCM-SHA384")) {
            String out = getPageWithOpenssl("-tls1_2", "-cipher", cipher);
            assertThat(out)
                    .as(cipher)
                    .contains("Verify return code: 0 (ok)")
                    .contains("Protocol  : TLSv1.2")
                    .contains("Cipher    : " + cipher)
                    .contains("Extended master secret: yes")
                    .contains("HTTP/1.1 200 OK")
                    .contains("<th>protocol</th><td>TLSv1.2</td>");
        }
    }

    @Test
    void opensslResumesATls12SessionWithItsTicket() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        Path session = Files.createTempFile("session12", ".pem");
        String first = getPageWithOpenssl("-tls1_2", "-sess_out", session.toString());
        assertThat(first).contains("New, TLSv1.2").contains("TLS session ticket:");
        String second = getPageWithOpenssl("-tls1_2", "-sess_in", session.toString());
        assertThat(second)
                .contains("Reused, TLSv1.2")
                .contains("Extended master secret: yes")
                .contains("<th>resumed</th><td>yes</td>");
    }

    /**
     * Issue 22: TLS 1.2 resumption by ticket and by session id (s_client -no_ticket) works for a
     * client that does not close cleanly (RFC 5246 §7.2.1 since TLS 1.1): the first s_client is
     * killed right after its handshake, without close_notify; its saved session resumes.
     */
    @Test
    void opensslTls12ResumesByTicketAndBySessionIdAfterADroppedConnection() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        for (List<String> how : List.of(List.<String>of(), List.of("-no_ticket"))) {
            Path session = Files.createTempFile("dropped12", ".pem");
            List<String> args = new java.util.ArrayList<>();
            args.addAll(
                    List.of(
                            "openssl",
                            "s_client",
                            "-connect",
                            "localhost:" + port,
                            "-servername",
                            "localhost",
                            "-CAfile",
                            TestTls.writePem(root).toString(),
                            "-tls1_2",
                            "-sess_out",
                            session.toString()));
            args.addAll(how);
            Process first = new ProcessBuilder(args).redirectErrorStream(true).start();
            String firstOut;
            try (java.io.BufferedReader lines =
                    new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                    first.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                String line;
                boolean handshakeDone = false;
                while ((line = lines.readLine()) != null) {
                    seen.append(line).append('\n');
                    handshakeDone |= line.contains("Verify return code");
                    // -sess_out is written right after the handshake, before this summary.
                    if (handshakeDone && line.startsWith("---")) {
                        break;
                    }
                }
                firstOut = seen.toString();
                // No close_notify, no clean shutdown: the process dies with its socket.
                first.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(firstOut).as(how + ": " + firstOut).contains("New, TLSv1.2");
            assertThat(Files.size(session)).as(how.toString()).isPositive();
            String second =
                    getPageWithOpenssl(concat(how, "-tls1_2", "-sess_in", session.toString()));
            assertThat(second)
                    .as(how.toString())
                    .contains("Reused, TLSv1.2")
                    .contains("<th>resumed</th><td>yes</td>");
            if (how.contains("-no_ticket")) {
                assertThat(second).doesNotContain("TLS session ticket:");
            }
        }
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @Test
    void rsaKeyTransportIsTracedOnTheHandshakeTopic() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        String out = getPageWithOpenssl("-tls1_2", "-cipher", "AES128-GCM-SHA256");
        assertThat(out).contains("<th>key exchange group</th><td>none (RSA key transport)</td>");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<th>session id</th><td>([0-9a-f-]+)</td>")
                        .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String handshakeId =
                HandshakeTopic.handshakeIdOfSession(bootstrap, m.group(1), Duration.ofSeconds(20));
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        bootstrap,
                        handshakeId,
                        l -> l.stream().anyMatch(e -> e.data() instanceof HandshakeCompleted),
                        Duration.ofSeconds(20));
        List<String> types = events.stream().map(EventEnvelope::type).toList();
        assertThat(types)
                .containsSubsequence(
                        "tls.handshake.started",
                        "tls.handshake.client-hello-received",
                        "tls.handshake.server-hello-sent",
                        "tls.handshake.certificate-sent",
                        "tls.handshake.key-exchange-done",
                        "tls.handshake.change-cipher-spec",
                        "tls.handshake.finished-verified",
                        "tls.handshake.completed");
        KeyExchangeDone kx = first(events, KeyExchangeDone.class);
        assertThat(kx.method()).isEqualTo("RSA");
        assertThat(kx.version()).isEqualTo("TLS 1.2");
        assertThat(kx.group()).isNull();
        CertificateSent cert = first(events, CertificateSent.class);
        assertThat(cert.serial())
                .isEqualTo(enrolment.current().orElseThrow().credentials().get(1).serial());
        assertThat(cert.signatureScheme()).isNull();
        HandshakeCompleted done = first(events, HandshakeCompleted.class);
        assertThat(done.cipherSuite()).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(done.version()).isEqualTo("TLS 1.2");
    }

    /** {@code openssl s_client} with these options, sending {@code GET /}; its whole output. */
    private String getPageWithOpenssl(String... options) throws Exception {
        return TestTls.opensslPage(port, root, options);
    }

    private static <T> T first(List<EventEnvelope> events, Class<T> type) {
        return events.stream()
                .map(EventEnvelope::data)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " event"));
    }

    @Test
    void opensslSeesAGoodStapledOcspResponseInTls13AndTls12() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        await().atMost(Duration.ofSeconds(20)).until(() -> stapler.orElseThrow().settled());
        int before = TestCaResource.ca().ocspRequests();
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            String out = getPageWithOpenssl(version, "-status");
            assertThat(out)
                    .as(version)
                    .contains("Verify return code: 0 (ok)")
                    .contains("OCSP Response Status: successful (0x0)")
                    .contains("Cert Status: good")
                    .contains("HTTP/1.1 200 OK");
        }
        String rsa =
                getPageWithOpenssl("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-status");
        assertThat(rsa).as("the RSA certificate's own response").contains("Cert Status: good");
        assertThat(getPageWithOpenssl("-tls1_3")).doesNotContain("OCSP Response Status");
        // Handshakes are served from the cache, never by asking the CA.
        assertThat(TestCaResource.ca().ocspRequests()).isEqualTo(before);
    }

    @Test
    void everyResponseCarriesHstsAndTheSecurityHeaders() throws Exception {
        HttpClient client =
                HttpClient.newBuilder()
                        .sslContext(TestTls.trusting(root))
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        for (String path : List.of("/", "/echo?msg=x", "/missing")) {
            HttpResponse<String> r =
                    client.send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            var h = r.headers();
            assertThat(h.firstValue("strict-transport-security"))
                    .as(path)
                    .hasValue("max-age=31536000");
            assertThat(h.firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(h.firstValue("content-security-policy"))
                    .hasValueSatisfying(
                            v ->
                                    assertThat(v)
                                            .contains("default-src 'none'")
                                            .contains("frame-ancestors 'none'"));
            assertThat(h.firstValue("x-frame-options")).hasValue("DENY");
            assertThat(h.firstValue("referrer-policy")).hasValue("no-referrer");
        }
        HttpResponse<String> page =
                client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.body())
                .contains("<th>ems</th><td>true</td>")
                .contains("<th>secure renegotiation</th><td>true</td>");
    }

    @Test
    void aTls12ClientWithoutExtendedMasterSecretIsServedAndMarkedEmsFalse() throws Exception {
        String out = LegacyTls12Client.getPage(port, root);
        assertThat(out)
                .startsWith("HTTP/1.1 200 OK")
                .contains("<th>protocol</th><td>TLSv1.2</td>")
                .contains("<th>ems</th><td>false</td>")
                .contains("<th>secure renegotiation</th><td>true</td>");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<th>session id</th><td>([0-9a-f-]+)</td>")
                        .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String handshakeId =
                HandshakeTopic.handshakeIdOfSession(bootstrap, m.group(1), Duration.ofSeconds(20));
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        bootstrap,
                        handshakeId,
                        l -> l.stream().anyMatch(e -> e.data() instanceof HandshakeCompleted),
                        Duration.ofSeconds(20));
        HandshakeCompleted done = first(events, HandshakeCompleted.class);
        assertThat(done.ems()).isFalse();
        assertThat(done.secureRenegotiation()).isTrue();
        assertThat(done.version()).isEqualTo("TLS 1.2");
    }

    @Test
    void opensslTls11IsRefusedWithProtocolVersion() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        String out =
                TestTls.openssl(
                        "",
                        List.of(
                                "s_client",
                                "-connect",
                                "localhost:" + port,
                                "-tls1_1",
                                "-cipher",
                                "DEFAULT@SECLEVEL=0"));
        assertThat(out).contains("alert protocol version");
    }

    @Test
    void anOversizedRecordGetsRecordOverflow() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            // RFC 8446 §5.1/§5.2: a record longer than 2^14 + 256 is a record_overflow alert.
            s.getOutputStream().write(new byte[] {22, 3, 1, 0x41, 0x01});
            s.getOutputStream().flush();
            byte[] alert = s.getInputStream().readNBytes(7);
            assertThat(alert).containsExactly(21, 3, 3, 0, 2, 2, 22);
        }
    }

    /**
     * Issue 22, with a raw-bytes client on the TLS port: a TLS 1.3 ClientHello (supported_versions
     * says 1.3) whose legacy_version is below 0x0303 is protocol_version (RFC 8446 §4.1.2, App. D).
     */
    @Test
    void aClientHelloWithLegacyVersionBelowTls12IsProtocolVersion() throws Exception {
        for (int minor : new int[] {0, 1}) {
            byte[] hello = tls13ClientHello();
            hello[9] = 3; // legacy_version: record header (5) + handshake header (4)
            hello[10] = (byte) minor;
            assertThat(alertAnswering(hello)).as("legacy_version 0x030" + minor).isEqualTo(70);
        }
        byte[] ssl2 = tls13ClientHello();
        ssl2[9] = 2;
        ssl2[10] = 0;
        assertThat(alertAnswering(ssl2)).as("legacy_version 0x0200").isEqualTo(70);
    }

    /** RFC 8446 §5.1: a zero-length alert record is unexpected_message, not decode_error. */
    @Test
    void aZeroLengthAlertRecordIsUnexpectedMessage() throws Exception {
        assertThat(alertAnswering(new byte[] {21, 3, 3, 0, 0})).isEqualTo(10);
    }

    /**
     * RFC 8446 §5.1: handshake messages are not interleaved with records of another type: a
     * ClientHello split over two records with an application_data record between them is
     * unexpected_message. (The post-handshake case, application data between two fragments of a
     * KeyUpdate, is the protocol's {@code
     * NegativeTest.applicationDataBetweenFragmentsOfAKeyUpdateIsUnexpectedMessage}.)
     */
    @Test
    void aClientHelloInterleavedWithApplicationDataIsUnexpectedMessage() throws Exception {
        byte[] hello = tls13ClientHello();
        byte[] body = java.util.Arrays.copyOfRange(hello, 5, hello.length);
        int half = body.length / 2;
        byte[] first = record(22, java.util.Arrays.copyOfRange(body, 0, half));
        byte[] second = record(22, java.util.Arrays.copyOfRange(body, half, body.length));
        assertThat(alertAnswering(first, record(23, new byte[] {1, 2, 3}), second)).isEqualTo(10);
        // The same two fragments without anything between them are a ClientHello like any other.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(first);
            s.getOutputStream().write(second);
            s.getOutputStream().flush();
            byte[] answer = s.getInputStream().readNBytes(6);
            assertThat(answer[0]).as("a ServerHello record").isEqualTo((byte) 22);
            assertThat(answer[5]).as("handshake type server_hello").isEqualTo((byte) 2);
        }
    }

    /**
     * RFC 7748 §6.1 / RFC 8446 §4.2.8.2: an X25519 key share that is all zeros (a small-order
     * point: the shared secret would be all zeros) is illegal_parameter.
     */
    @Test
    void anAllZeroX25519KeyShareIsIllegalParameter() throws Exception {
        byte[] hello = tls13ClientHello();
        int at = indexOf(hello, new byte[] {0x00, 0x1d, 0x00, 0x20});
        assertThat(at).as("the X25519 key share entry").isPositive();
        java.util.Arrays.fill(hello, at + 4, at + 4 + 32, (byte) 0);
        assertThat(alertAnswering(hello)).isEqualTo(47);
    }

    /** A TLS 1.3-only ClientHello of our own engine (X25519 share), as one plaintext record. */
    private static byte[] tls13ClientHello() {
        return io.tlsuite.protocol.TlsEngine.client(
                        io.tlsuite.protocol.config.TlsConfig.builder()
                                .serverName("localhost")
                                .versions(io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_3)
                                .certificateValidator(
                                        io.tlsuite.protocol.cert.CertificateValidator
                                                .insecureAcceptAll())
                                .build())
                .start()
                .outbound();
    }

    private static byte[] record(int type, byte[] fragment) {
        byte[] r = new byte[5 + fragment.length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (fragment.length >> 8);
        r[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 5, fragment.length);
        return r;
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Sends {@code records} on a fresh connection; the description of the fatal alert answered. */
    private int alertAnswering(byte[]... records) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            for (byte[] r : records) {
                s.getOutputStream().write(r);
            }
            s.getOutputStream().flush();
            byte[] alert = s.getInputStream().readNBytes(7);
            assertThat(alert).hasSize(7);
            assertThat(alert[0]).as("an alert record").isEqualTo((byte) 21);
            assertThat(alert[5]).as("fatal").isEqualTo((byte) 2);
            return alert[6] & 0xff;
        }
    }

    @Test
    void pythonSslConnectsAndReportsTls13() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 on this machine");
        Path rootPem = TestTls.writePem(root);
        String script =
                "import socket, ssl, sys\n"
                        + "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
                        + "with socket.create_connection(('localhost', int(sys.argv[2])), timeout=10) as s:\n"
                        + "    with ctx.wrap_socket(s, server_hostname='localhost') as t:\n"
                        + "        t.sendall(b'GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n')\n"
                        + "        print(t.version(), t.recv(12).decode())\n";
        Process p =
                new ProcessBuilder(
                                python.toString(),
                                "-c",
                                script,
                                rootPem.toString(),
                                String.valueOf(port))
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).startsWith("TLSv1.3 HTTP/1.1 200");
    }

    /** One byte, or -1 when the server closed (or reset) the connection. */
    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
