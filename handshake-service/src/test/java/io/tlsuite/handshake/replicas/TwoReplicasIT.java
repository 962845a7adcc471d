package io.tlsuite.handshake.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.support.HandshakeTopic;
import io.tlsuite.handshake.support.ServiceProcess;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the handshake service for real: two OS processes of the packaged service, and the
 * packaged session store as a third, all on the embedded Kafka broker and an in-test CA. One REST
 * handshake and its session hop between the replicas at every step; the same flight sent to both at
 * once is taken by exactly one.
 */
class TwoReplicasIT {
    static final String TOKEN = "it-service-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestCertificateAuthority ca;
    static ServiceProcess store;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void startReplicas() throws Exception {
        Path storeJar = Path.of(System.getProperty("tlsuite.it.session-store-app", ""));
        Path serviceJar = Path.of(System.getProperty("tlsuite.it.handshake-app", ""));
        Assumptions.assumeTrue(
                Files.isRegularFile(storeJar) && Files.isRegularFile(serviceJar),
                "needs the packaged session store and handshake service (mvn -pl"
                        + " session-store,handshake-service -am verify); missing "
                        + storeJar
                        + " or "
                        + serviceJar);
        long t0 = System.nanoTime();
        String kafka = SharedBroker.get().bootstrapServers();
        ca = new TestCertificateAuthority();
        Path data = Files.createTempDirectory("tlsuite-it-");
        int[] ports = ServiceProcess.freePorts(3);
        store =
                ServiceProcess.start(
                        "session-store",
                        storeJar,
                        ports[0],
                        Map.of(
                                "kafka.bootstrap.servers",
                                kafka,
                                "sessionstore.service-token",
                                TOKEN,
                                "sessionstore.service-token-file",
                                data + "/store-token",
                                "tlsuite.instance",
                                "it-store"));
        Map<String, String> common =
                Map.of(
                        "kafka.bootstrap.servers",
                        kafka,
                        "handshake.ca-url",
                        ca.url(),
                        "handshake.ca-token",
                        TestCertificateAuthority.TOKEN,
                        "handshake.session-store.url",
                        store.url(),
                        "handshake.session-store.token",
                        TOKEN,
                        "handshake.tls.enabled",
                        "false",
                        "handshake.tls.ticket-key-file",
                        data + "/ticket-key",
                        "handshake.identity.include-hostname",
                        "false",
                        "handshake.rest.handshake-lifetime",
                        "12s");
        a =
                ServiceProcess.start(
                        "replica-a", serviceJar, ports[1], with(common, "tlsuite.instance", "a"));
        b =
                ServiceProcess.start(
                        "replica-b", serviceJar, ports[2], with(common, "tlsuite.instance", "b"));
        store.awaitReady(Duration.ofSeconds(90));
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
        System.out.printf(
                "two replicas and the session store ready in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    static Map<String, String> with(Map<String, String> base, String k, String v) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {a, b, store}) {
            if (p != null) {
                p.close();
            }
        }
        if (ca != null) {
            ca.close();
        }
    }

    TlsEngine client() {
        return TlsEngine.client(
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(ca.root)))
                        .build());
    }

    record Answer(int status, JsonNode body) {
        byte[] records() {
            return Base64.getDecoder().decode(body.path("records").asText());
        }

        String type() {
            return body.path("type").asText();
        }
    }

    static Answer post(ServiceProcess replica, String path, byte[] records) throws Exception {
        return post(replica, path, null, records);
    }

    /** A step after the first, by the client holding the secret the first step returned. */
    static Answer post(ServiceProcess replica, String path, String secret, byte[] records)
            throws Exception {
        String body = "{\"records\":\"" + Base64.getEncoder().encodeToString(records) + "\"}";
        var request =
                HttpRequest.newBuilder(URI.create(replica.url() + path))
                        .header("Content-Type", "application/json");
        if (secret != null) {
            request.header(ClientBinding.HEADER, secret);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String secretOf(Answer first) {
        return first.body().path("clientSecret").asText();
    }

    static Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body().isEmpty() ? "{}" : r.body()));
    }

    static String problem(String slug) {
        return "https://tlsuite.dev/problems/" + slug;
    }

    /** Sends one message, returns the echo the server encrypted. */
    static String echo(
            ServiceProcess replica, TlsEngine client, String sessionId, String secret, String text)
            throws Exception {
        Answer r =
                post(
                        replica,
                        "/api/v1/sessions/" + sessionId + "/records",
                        secret,
                        client.write(text.getBytes(StandardCharsets.UTF_8)).outbound());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("state").asText()).isEqualTo("open");
        return new String(client.feed(r.records()).applicationBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void oneHandshakeAndItsSessionAlternateBetweenTheReplicas() throws Exception {
        double staleBefore = metric("handshake_rest_stale_copies_total");
        TlsEngine client = client();
        byte[] hello = client.start().outbound();
        Answer first = post(a, "/api/v1/handshakes", hello);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        String id = first.body().path("handshakeId").asText();
        String secret = secretOf(first);
        EngineOutput fin = client.feed(first.records());
        assertThat(fin.handshakeComplete()).isTrue();

        // The binding to the client travels with the stored engine: B refuses a stranger before
        // it resumes anything.
        Answer anonymous = post(b, "/api/v1/handshakes/" + id + "/flights", fin.outbound());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.type()).isEqualTo(problem("client-secret-required"));
        Answer stranger =
                post(b, "/api/v1/handshakes/" + id + "/flights", secret + "0", fin.outbound());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.type()).isEqualTo(problem("client-secret-mismatch"));

        // B never saw this handshake: it resumes A's stored engine; A's ClientHello is known there.
        Answer replay = post(b, "/api/v1/handshakes/" + id + "/flights", secret, hello);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.type()).isEqualTo(problem("replayed-flight"));

        Answer done = post(b, "/api/v1/handshakes/" + id + "/flights", secret, fin.outbound());
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        assertThat(done.body().path("state").asText()).isEqualTo("complete");
        String sessionId = done.body().path("sessionId").asText();
        client.feed(done.records());

        // The session hops: A, B, A, B, each continuing where the other stopped.
        long t0 = System.nanoTime();
        int steps = 0;
        for (ServiceProcess replica : List.of(a, b, a, b, a, a, b, b)) {
            String text = "hello " + steps++;
            assertThat(echo(replica, client, sessionId, secret, text))
                    .startsWith("echo at ")
                    .endsWith(": " + text);
        }
        System.out.printf(
                "alternating records: %.1f ms per REST step (resume on every hop)%n",
                (System.nanoTime() - t0) / 1e6 / steps);

        // The handshake ended on B: A says so too. A still holds the handshake's engine from the
        // first flight, and uses it without asking the store; the store refuses the write that
        // ends it, and A answers from the stored state instead.
        Answer again = post(a, "/api/v1/handshakes/" + id + "/flights", secret, fin.outbound());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).isEqualTo(problem("handshake-ended"));
        // Two stale copies were caught by their writes and answered again from the store: B's
        // session (opened there, first served by A, then B's own copy was behind) and A's
        // handshake just now. Afterwards each replica reads first, as the requests move.
        assertThat(metric("handshake_rest_stale_copies_total") - staleBefore).isEqualTo(2.0);

        // A stranger cannot close it on either replica (A's engine is stale: it resumes B's).
        Answer strangerClose =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(a.url() + "/api/v1/sessions/" + sessionId))
                                .DELETE()
                                .build());
        assertThat(strangerClose.status()).isEqualTo(401);
        // Close on B: its close_notify; then the session is closed on A as well.
        Answer closed =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(b.url() + "/api/v1/sessions/" + sessionId))
                                .header(ClientBinding.HEADER, secret)
                                .DELETE()
                                .build());
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.body().path("state").asText()).isEqualTo("closed");
        client.feed(closed.records());
        assertThat(client.isPeerClosed()).isTrue();
        Answer late =
                post(
                        a,
                        "/api/v1/sessions/" + sessionId + "/records",
                        secret,
                        new byte[] {23, 3, 3, 0, 1, 0});
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.type()).isEqualTo(problem("session-closed"));

        Answer unknown = post(b, "/api/v1/handshakes/hs-nope/flights", fin.outbound());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).isEqualTo(problem("unknown-handshake"));

        // One timeline, whichever replica served each step: one start, one completion.
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        SharedBroker.get().bootstrapServers(),
                        id,
                        l -> l.stream().anyMatch(e -> e.type().endsWith("completed")),
                        Duration.ofSeconds(20));
        assertThat(events.stream().filter(e -> e.type().endsWith(".started")).count()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e.type().endsWith(".completed")).count())
                .isEqualTo(1);
        assertThat(events).extracting(EventEnvelope::source).anyMatch(s -> s.endsWith("/a"));
        assertThat(events).extracting(EventEnvelope::source).anyMatch(s -> s.endsWith("/b"));
        assertThat(a.logText() + b.logText() + store.logText())
                .doesNotContain(Base64.getEncoder().encodeToString(fin.outbound()));
    }

    static TlsEngine tls12Client(io.tlsuite.protocol.crypto.Tls12CipherSuite suite) {
        return TlsEngine.client(
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(ca.root)))
                        .versions(io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2)
                        .tls12CipherSuites(suite)
                        .build());
    }

    @Test
    void aTls12EcdheHandshakeAndItsSessionMoveBetweenTheReplicas() throws Exception {
        TlsEngine client =
                tls12Client(
                        io.tlsuite.protocol.crypto.Tls12CipherSuite
                                .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Answer first = post(a, "/api/v1/handshakes", client.start().outbound());
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.body().findValuesAsText("type"))
                .contains(
                        "server_hello", "certificate", "server_key_exchange", "server_hello_done");
        String id = first.body().path("handshakeId").asText();
        String secret = secretOf(first);
        // The ephemeral key travels in the stored engine: B finishes what A started.
        Answer done =
                post(
                        b,
                        "/api/v1/handshakes/" + id + "/flights",
                        secret,
                        client.feed(first.records()).outbound());
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        assertThat(done.body().path("negotiated").path("version").asText()).isEqualTo("TLSv1.2");
        client.feed(done.records());
        assertThat(client.isHandshakeComplete()).isTrue();
        String sessionId = done.body().path("sessionId").asText();
        assertThat(echo(a, client, sessionId, secret, "1.2 on A")).endsWith(": 1.2 on A");
        assertThat(echo(b, client, sessionId, secret, "1.2 on B")).endsWith(": 1.2 on B");
    }

    @Test
    void aTls12RsaKeyTransportHandshakeStaysWithItsKeyThenTheSessionMoves() throws Exception {
        TlsEngine client =
                tls12Client(
                        io.tlsuite.protocol.crypto.Tls12CipherSuite
                                .TLS_RSA_WITH_AES_128_GCM_SHA256);
        Answer first = post(a, "/api/v1/handshakes", client.start().outbound());
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        String id = first.body().path("handshakeId").asText();
        String secret = secretOf(first);
        // ClientKeyExchange (the pre-master secret encrypted to A's RSA key), CCS, Finished
        byte[] keyExchange = client.feed(first.records()).outbound();

        // Only A holds the private key of the certificate it sent: B sends the client to A.
        Answer elsewhere = post(b, "/api/v1/handshakes/" + id + "/flights", secret, keyExchange);
        assertThat(elsewhere.status()).as(elsewhere.body().toString()).isEqualTo(421);
        assertThat(elsewhere.type()).isEqualTo(problem("held-by-another-replica"));

        Answer done = post(a, "/api/v1/handshakes/" + id + "/flights", secret, keyExchange);
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        assertThat(done.body().path("negotiated").path("cipherSuite").asText())
                .isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(done.body().findValues("encryptedPreMasterSecretLength"))
                .singleElement()
                .satisfies(n -> assertThat(n.asInt()).isEqualTo(256));
        client.feed(done.records());
        assertThat(client.isHandshakeComplete()).isTrue();

        // Once connected, the keys are derived: the session moves like any other.
        String sessionId = done.body().path("sessionId").asText();
        assertThat(echo(b, client, sessionId, secret, "RSA session on B"))
                .endsWith(": RSA session on B");
        assertThat(echo(a, client, sessionId, secret, "and on A")).endsWith(": and on A");
    }

    @Test
    void aHandshakeExpiresOnceForEveryReplica() throws Exception {
        TlsEngine client = client();
        Answer first = post(a, "/api/v1/handshakes", client.start().outbound());
        String id = first.body().path("handshakeId").asText();
        byte[] fin = client.feed(first.records()).outbound();
        // the lifetime is 12 s here (a cold replica on a loaded machine takes seconds per step),
        // counted from the start on A
        Thread.sleep(13500);
        Answer late = post(b, "/api/v1/handshakes/" + id + "/flights", secretOf(first), fin);
        assertThat(late.status()).as(late.body().toString()).isEqualTo(409);
        assertThat(late.type()).isEqualTo(problem("handshake-ended"));
        assertThat(late.body().path("detail").asText()).contains("expired");
        List<EventEnvelope> events =
                HandshakeTopic.events(
                        SharedBroker.get().bootstrapServers(),
                        id,
                        l -> l.stream().anyMatch(e -> e.type().endsWith(".failed")),
                        Duration.ofSeconds(20));
        Thread.sleep(1500); // a second report would come from the other replica's sweeper
        events =
                HandshakeTopic.events(
                        SharedBroker.get().bootstrapServers(),
                        id,
                        l -> false,
                        Duration.ofSeconds(3));
        assertThat(events.stream().filter(e -> e.type().endsWith(".failed")).count()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e.type().endsWith(".completed")).count()).isZero();
    }

    @Test
    void aStateThatCannotMoveSendsTheClientToItsReplica() throws Exception {
        // What a replica stores for an engine it cannot suspend (e.g. a TLS 1.2 state for now).
        byte[] pinned =
                new SuspendedExchange(
                                "hs-pinned",
                                "s-pinned",
                                "peer",
                                System.currentTimeMillis(),
                                null,
                                null,
                                "ExpectClientFinished",
                                "replica-z",
                                null,
                                java.util.HexFormat.of()
                                        .formatHex(
                                                java.security.MessageDigest.getInstance("SHA-256")
                                                        .digest(
                                                                "pinned-secret"
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .US_ASCII))),
                                List.of(),
                                null)
                        .encode();
        String body =
                "{\"kind\":\"handshake\",\"ttlSeconds\":30,\"snapshot\":\""
                        + Base64.getEncoder().encodeToString(pinned)
                        + "\"}";
        String id = "hs-" + java.util.UUID.randomUUID(); // the shape the service hands out
        Answer stored =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(store.url() + "/api/v1/engine-states/" + id))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .header("If-None-Match", "*")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build());
        assertThat(stored.status()).isEqualTo(201);
        Answer r =
                post(
                        a,
                        "/api/v1/handshakes/" + id + "/flights",
                        "pinned-secret",
                        new byte[] {22, 3, 3, 0, 1, 0});
        assertThat(r.status()).isEqualTo(421);
        assertThat(r.type()).isEqualTo(problem("held-by-another-replica"));
        assertThat(r.body().path("replica").asText()).isEqualTo("replica-z");
    }

    /** Sum of a gauge over both replicas, from their Prometheus endpoints. */
    static double metric(String name) throws Exception {
        double sum = 0;
        for (ServiceProcess replica : List.of(a, b)) {
            String text =
                    HTTP.send(
                                    HttpRequest.newBuilder(URI.create(replica.url() + "/q/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            for (String line : text.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /**
     * Prints what a REST step costs, and how much of it is the round trips to the store; returns
     * the store calls per step.
     */
    double measure(
            String what,
            TlsEngine client,
            String sessionId,
            String secret,
            List<ServiceProcess> order)
            throws Exception {
        double calls0 = metric("handshake_engine_states_calls");
        double seconds0 = metric("handshake_engine_states_seconds");
        long t0 = System.nanoTime();
        int n = 40;
        for (int i = 0; i < n; i++) {
            echo(order.get(i % order.size()), client, sessionId, secret, "m" + i);
        }
        double stepMs = (System.nanoTime() - t0) / 1e6 / n;
        double calls = metric("handshake_engine_states_calls") - calls0;
        double storeMs = (metric("handshake_engine_states_seconds") - seconds0) * 1000;
        System.out.printf(
                "%s: %.2f ms per REST step, of which %.2f store calls taking %.2f ms (%.2f ms per call)%n",
                what, stepMs, calls / n, storeMs / n, storeMs / calls);
        return calls / n;
    }

    @Test
    void measuresWhatTheStoreAddsToAStep() throws Exception {
        TlsEngine client = client();
        Answer first = post(a, "/api/v1/handshakes", client.start().outbound());
        String id = first.body().path("handshakeId").asText();
        String secret = secretOf(first);
        Answer done =
                post(
                        b,
                        "/api/v1/handshakes/" + id + "/flights",
                        secret,
                        client.feed(first.records()).outbound());
        client.feed(done.records());
        String sessionId = done.body().path("sessionId").asText();
        for (int i = 0; i < 40; i++) { // warm-up, both replicas and both paths
            echo(i % 3 == 0 ? a : b, client, sessionId, secret, "warm-up");
        }
        // A session that stays on one replica: its cached engine is used without a read, and
        // the write that stores each step (If-Match) confirms it was current.
        TlsEngine stickyClient = client();
        Answer hello = post(a, "/api/v1/handshakes", stickyClient.start().outbound());
        String stickySecret = secretOf(hello);
        Answer opened =
                post(
                        a,
                        "/api/v1/handshakes/"
                                + hello.body().path("handshakeId").asText()
                                + "/flights",
                        stickySecret,
                        stickyClient.feed(hello.records()).outbound());
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
        stickyClient.feed(opened.records());
        String sticky = opened.body().path("sessionId").asText();
        for (int i = 0; i < 20; i++) {
            echo(a, stickyClient, sticky, stickySecret, "warm-up");
        }
        double oneReplica =
                measure(
                        "records on one replica (cached engine, no read)",
                        stickyClient,
                        sticky,
                        stickySecret,
                        List.of(a));
        // A session whose requests move: each replica reads the store before using its copy
        // (one wasted attempt per replica when the first move is found, then read + write).
        double alternating =
                measure(
                        "records alternating A/B (resume every step)",
                        client,
                        sessionId,
                        secret,
                        List.of(a, b));
        assertThat(oneReplica).as("store calls per step, one replica").isCloseTo(1.0, within(0.1));
        assertThat(alternating).as("store calls per step, alternating").isCloseTo(2.0, within(0.1));
        assertThat(metric("handshake_engine_states_failures")).isZero();
    }

    @Test
    void theSameFlightToBothReplicasAtOnceIsTakenOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                TlsEngine client = client();
                Answer first =
                        post(
                                round % 2 == 0 ? a : b,
                                "/api/v1/handshakes",
                                client.start().outbound());
                String id = first.body().path("handshakeId").asText();
                String secret = secretOf(first);
                byte[] fin = client.feed(first.records()).outbound();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Answer>> answers = new ArrayList<>();
                for (ServiceProcess replica : List.of(a, b)) {
                    answers.add(
                            pool.submit(
                                    () -> {
                                        go.await();
                                        return post(
                                                replica,
                                                "/api/v1/handshakes/" + id + "/flights",
                                                secret,
                                                fin);
                                    }));
                }
                go.countDown();
                List<Answer> got = new ArrayList<>();
                for (Future<Answer> f : answers) {
                    got.add(f.get(30, TimeUnit.SECONDS));
                }
                List<Answer> won = got.stream().filter(x -> x.status() == 200).toList();
                List<Answer> lost = got.stream().filter(x -> x.status() != 200).toList();
                assertThat(won).as(got.toString()).hasSize(1);
                assertThat(lost).hasSize(1);
                assertThat(lost.get(0).status()).isEqualTo(409);
                assertThat(lost.get(0).type())
                        .isIn(problem("flight-in-progress"), problem("handshake-ended"));

                // The winner's session works on either replica.
                String sessionId = won.get(0).body().path("sessionId").asText();
                client.feed(won.get(0).records());
                assertThat(echo(a, client, sessionId, secret, "after race"))
                        .endsWith(": after race");
                assertThat(echo(b, client, sessionId, secret, "and again")).endsWith(": and again");
                // Registered once in the session store (asynchronously), by the winner.
                HttpRequest metadata =
                        HttpRequest.newBuilder(
                                        URI.create(store.url() + "/api/v1/sessions/" + sessionId))
                                .build();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> send(metadata).status() == 200);
                assertThat(send(metadata).body().path("handshakeId").asText()).isEqualTo(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
