package io.tlsuite.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.tlsuite.containers.EnabledIfDockerImages;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.events.kafka.KafkaClientSecurity;
import io.tlsuite.kafka.SuiteAcls;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.DockerComposeContainer;

/**
 * The compose topology of {@code deploy/compose/docker-compose.yml}, started by the local
 * docker-compose with the images built on this machine ({@code local.env}), on free host ports and
 * secrets of its own, so it never meets a running {@code ./suite compose up}. Driven from outside:
 * TLS 1.3 and 1.2 through the balancer, verified against the CA's root; a REST handshake whose
 * steps the balancer sends to alternating replicas; a ticket from one replica resumed on the other;
 * the handshakes' events read back from Kafka, published by both replicas.
 */
@EnabledIfDockerImages({
    "tlsuite/kafka:${version}",
    "tlsuite/certificate-authority:${version}",
    "tlsuite/handshake-service:${version}",
    "tlsuite/session-store:${version}",
    "tlsuite/client-agent:${version}",
    "tlsuite/event-dashboard:${version}",
    "tlsuite/postgres-local:${version}",
    "tlsuite/redis-local:${version}",
    "tlsuite/prometheus-local:${version}",
    "tlsuite/lb-local:${version}"
})
class ComposeTopologyTest {

    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(10);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] PORTS = {
        "DASHBOARD_PORT", "CA_PORT", "HANDSHAKE_PORT", "HANDSHAKE_TLS_PORT",
        "SESSION_STORE_PORT", "AGENT_PORT", "KAFKA_PORT", "PROMETHEUS_PORT"
    };

    private static DockerComposeContainer<?> compose;
    private static final Map<String, Integer> ports = new HashMap<>();
    private static String project;
    private static Path secrets;
    private static X509Certificate root;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(localEnv());
        for (String name : PORTS) {
            int port = freePort();
            ports.put(name, port);
            env.put(name, String.valueOf(port));
        }
        secrets = writeSecrets();
        env.put("TLSUITE_SECRETS", secrets.toString());
        env.put("TLSUITE_BIND", "127.0.0.1");
        project = "tlsuite-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        compose =
                new DockerComposeContainer<>(
                                project, new File(System.getProperty("tlsuite.compose.file")))
                        .withEnv(env)
                        .withPull(false)
                        .withRemoveVolumes(true);
        compose.start();
        awaitHealthy();
        root = caRoot();
    }

    @AfterAll
    static void stop() throws IOException {
        if (compose != null) {
            compose.stop();
        }
        if (secrets != null) {
            try (var files = Files.walk(secrets)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @Test
    void elevenContainersOfTheTopologyRunHealthy() {
        List<Container> containers = containers();
        assertThat(containers.stream().map(c -> c.getLabels().get("com.docker.compose.service")))
                .containsExactlyInAnyOrder(
                        "kafka",
                        "postgres",
                        "redis",
                        "certificate-authority",
                        "session-store",
                        "handshake-service-1",
                        "handshake-service-2",
                        "handshake-lb",
                        "client-agent",
                        "event-dashboard",
                        "prometheus");
        assertThat(containers).allSatisfy(c -> assertThat(c.getStatus()).contains("healthy"));
    }

    @Test
    void tls13And12ThroughTheBalancerVerifyAgainstTheCaRoot() throws Exception {
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext context = clientContext();
            String page = get(context, version, "/echo?msg=compose-" + version);
            assertThat(page).startsWith("HTTP/1.1 200").contains("compose-" + version);
        }
    }

    @Test
    void aRestHandshakeAndItsSessionMoveBetweenTheReplicas() throws Exception {
        TlsEngine client =
                TlsEngine.client(
                        TlsConfig.builder()
                                .serverName("localhost")
                                .certificateValidator(
                                        new PkixCertificateValidator(TrustStore.of(root)))
                                .build());
        Answer first = post("/api/v1/handshakes", client.start().outbound());
        assertThat(first.status).as(first.body).isEqualTo(201);
        String handshakeId = field(first.body, "handshakeId");
        String secret = field(first.body, "clientSecret"); // later steps are this client's alone
        EngineOutput finished = client.feed(first.records());
        assertThat(finished.handshakeComplete()).isTrue();

        Answer done =
                post("/api/v1/handshakes/" + handshakeId + "/flights", secret, finished.outbound());
        assertThat(done.status).as(done.body).isEqualTo(200);
        String sessionId = field(done.body, "sessionId");
        client.feed(done.records());

        // Round robin: consecutive records go to alternating replicas, each resuming the other's.
        for (int i = 0; i < 4; i++) {
            String text = "hop " + i;
            Answer echo =
                    post(
                            "/api/v1/sessions/" + sessionId + "/records",
                            secret,
                            client.write(text.getBytes(StandardCharsets.UTF_8)).outbound());
            assertThat(echo.status).as(echo.body).isEqualTo(200);
            String plain =
                    new String(
                            client.feed(echo.records()).applicationBytes(), StandardCharsets.UTF_8);
            assertThat(plain).startsWith("echo at ").endsWith(": " + text);
        }
    }

    @Test
    void aTicketFromOneReplicaResumesOnTheOtherAndBothPublishTheirEvents() throws Exception {
        // One client context keeps the ticket; the balancer sends the next connection elsewhere.
        SSLContext context = clientContext();
        List<String> sessions = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String page = get(context, "TLSv1.3", "/");
            sessions.add(row(page, "session id"));
            resumed.add(row(page, "resumed"));
        }
        assertThat(resumed).first().isEqualTo("no");
        assertThat(resumed.subList(1, 4)).contains("yes");

        Map<String, String> sourceBySession = new HashMap<>();
        Map<String, Boolean> resumedBySession = new HashMap<>();
        try (KafkaConsumer<String, EventEnvelope> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.HANDSHAKES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!sourceBySession.keySet().containsAll(sessions)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, EventEnvelope> r :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().data() instanceof HandshakeCompleted c) {
                        sourceBySession.put(c.sessionId(), r.value().source());
                        resumedBySession.put(c.sessionId(), c.resumed());
                    }
                }
            }
        }
        assertThat(sourceBySession).containsKeys(sessions.toArray(String[]::new));
        // Served by both replicas, and some resumption happened on the replica that did not issue
        // the ticket (the one that served the full handshake).
        String issuer = sourceBySession.get(sessions.get(0));
        assertThat(sessions.stream().map(sourceBySession::get).distinct()).hasSize(2);
        assertThat(
                        sessions.subList(1, 4).stream()
                                .filter(s -> Boolean.TRUE.equals(resumedBySession.get(s)))
                                .map(sourceBySession::get))
                .anyMatch(source -> !source.equals(issuer));
    }

    // --- the topology

    private static List<Container> containers() {
        DockerClient docker = DockerClientFactory.instance().client();
        return docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(
                        c ->
                                c.getLabels() != null
                                        && c.getLabels()
                                                .getOrDefault("com.docker.compose.project", "")
                                                .startsWith(project))
                .toList();
    }

    private static void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        List<String> waiting = List.of("everything");
        while (System.nanoTime() < deadline) {
            List<Container> all = containers();
            waiting =
                    all.stream()
                            .filter(c -> !c.getStatus().contains("(healthy)"))
                            .map(
                                    c ->
                                            c.getLabels().get("com.docker.compose.service")
                                                    + ": "
                                                    + c.getStatus())
                            .toList();
            if (all.size() == 11 && waiting.isEmpty()) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("not healthy within " + HEALTHY_WITHIN + ": " + waiting);
    }

    /** The image variables of local.env: the images this machine built. */
    private static Map<String, String> localEnv() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line :
                Files.readAllLines(Path.of(System.getProperty("tlsuite.compose.local-env")))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return env;
    }

    private static Path writeSecrets() throws IOException {
        Path dir = Files.createTempDirectory("tlsuite-compose-secrets-");
        SecureRandom random = new SecureRandom();
        Map<String, String> values = new HashMap<>();
        for (String name :
                List.of(
                        "postgres-password",
                        "ca-key-passphrase",
                        "ca-admin-token",
                        "ca-provisioner-token",
                        "ca-provisioner-handshake-service",
                        "ca-provisioner-client-agent",
                        "session-store-token")) {
            values.put(name, token(random, 32));
        }
        // Kafka: a password per principal, and the broker's users file made of them.
        StringBuilder users = new StringBuilder();
        for (String principal : SuiteAcls.principals()) {
            String password = token(random, 24);
            values.put("kafka-" + principal, password);
            users.append(principal).append('=').append(password).append('\n');
        }
        values.put("kafka-users", users.toString());
        byte[] envelope = new byte[32];
        random.nextBytes(envelope);
        values.put(
                "session-store-envelope-keys",
                "k1:" + Base64.getEncoder().encodeToString(envelope));
        byte[] ticket = new byte[32];
        random.nextBytes(ticket);
        values.put("handshake-ticket-key", HexFormat.of().formatHex(ticket));
        for (var e : values.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.writeString(file, e.getValue());
            // Mounted as they are: readable by the containers' users (the directory is private).
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private static String token(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String url(String portVariable, String path) {
        return "http://127.0.0.1:" + ports.get(portVariable) + path;
    }

    // --- clients

    private static X509Certificate caRoot() throws Exception {
        HttpResponse<byte[]> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url("CA_PORT", "/api/v1/ca/root")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(r.body()));
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("tlsuite-root", root);
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** One HTTP/1.1 request over a new TLS connection to the balancer's TLS port. */
    private static String get(SSLContext context, String version, String path) throws IOException {
        int port = ports.get("HANDSHAKE_TLS_PORT");
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(15_000);
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(new String[] {version});
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(version);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A row of the TLS port's page ("session id", "resumed", ...), tags stripped. */
    private static String row(String page, String name) {
        Matcher m =
                Pattern.compile(Pattern.quote(name) + "\\s*</t[hd]>\\s*<td>([^<]*)</td>")
                        .matcher(page);
        assertThat(m.find()).as("row '%s' in %s", name, page).isTrue();
        return m.group(1).trim();
    }

    private record Answer(int status, String body) {
        byte[] records() {
            return Base64.getDecoder().decode(field(body, "records"));
        }
    }

    private static Answer post(String path, byte[] records) throws Exception {
        return post(path, null, records);
    }

    /** A step after the first carries the secret the first answer returned. */
    private static Answer post(String path, String clientSecret, byte[] records) throws Exception {
        String body = "{\"records\":\"" + Base64.getEncoder().encodeToString(records) + "\"}";
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url("HANDSHAKE_PORT", path)))
                        .header("Content-Type", "application/json");
        if (clientSecret != null) {
            request.header("Tlsuite-Client-Secret", clientSecret);
        }
        HttpResponse<String> r =
                HTTP.send(
                        request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** A top-level string field of a small JSON document. */
    private static String field(String json, String name) {
        Matcher m =
                Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"")
                        .matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }

    /**
     * The read-only operator, as `./suite compose up` configures kcat: the broker wants a login.
     */
    private static KafkaConsumer<String, EventEnvelope> consumer() throws IOException {
        Map<String, Object> props =
                new HashMap<>(
                        KafkaClientSecurity.scram(
                                "operator", Files.readString(secrets.resolve("kafka-operator"))));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.get("KAFKA_PORT"));
        // The ACLs give the operator consumer groups under its own name only.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "operator-compose-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(
                props, new StringDeserializer(), new EventEnvelopeDeserializer());
    }

    /** An anonymous client gets nothing from the compose broker: not even the topic list. */
    @Test
    void kafkaLetsInNoAnonymousClient() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:" + ports.get("KAFKA_PORT"));
        props.put("request.timeout.ms", 3000);
        props.put("default.api.timeout.ms", 3000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }
}
