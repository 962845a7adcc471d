package io.tlsuite.handshake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.service.http.BlockingHttp;
import io.tlsuite.service.http.BlockingHttp.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Load client for the REST handshake API: {@code concurrency} workers, each running complete
 * lifecycles with the suite's own client engine: {@code POST /handshakes} (ClientHello), {@code
 * POST /handshakes/{id}/flights} (client Finished), one echo through {@code POST
 * /sessions/{id}/records}, then {@code DELETE /sessions/{id}}. Reports handshakes per second and
 * the latency of the two handshake requests together (p50, p99). Not part of the service.
 *
 * <p>{@code java -cp <test classpath> io.tlsuite.handshake.bench.RestHandshakeLoad <handshake-url>
 * <ca-url> <concurrency> <seconds>}
 */
public final class RestHandshakeLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8082";
        String caUrl = args.length > 1 ? args[1] : "http://localhost:8081";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        // The load generator shares the machine with the suite: it calls on its workers' own
        // threads over kept-alive connections, the cheapest client measured here.
        BlockingHttp http = new BlockingHttp(Duration.ofSeconds(10));
        X509Certificate root = root(http, caUrl);
        TlsConfig config =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(root)))
                        .build();
        // Warm-up (JIT on both sides), not reported. The REST path (JSON, message views, state
        // sharing) is a lot of code: a freshly started service needs tens of seconds before it
        // runs compiled, and a short warm-up measured 7 lifecycles/s where a warm one gets 30.
        run(http, base, config, concurrency, Integer.getInteger("warmup", 30));
        ProcessCpu cpu = ProcessCpu.of(System.getProperty("pids"));
        Map<String, Long> cpuBefore = cpu.read();
        Result r = run(http, base, config, concurrency, seconds);
        Map<String, Long> cpuAfter = cpu.read();
        double inMemory = inMemoryReference(concurrency, seconds);
        System.out.printf(
                "REST handshakes: concurrency %d, %d s: %d complete lifecycles (%d failed), %.1f"
                        + " handshakes/s, handshake latency p50 %.1f ms, p99 %.1f ms%n",
                concurrency,
                seconds,
                r.ok,
                r.failed,
                r.ok / (double) seconds,
                r.percentile(0.50),
                r.percentile(0.99));
        System.out.printf(
                "Reference, same run: the same engines in memory (no HTTP, no events, no session"
                        + " store), %d threads: %.1f handshakes/s; REST / in memory = %.2f%n",
                concurrency, inMemory, r.ok / (double) seconds / inMemory);
        System.out.printf(
                "REST CPU per lifecycle: %s%n", ProcessCpu.perOperation(cpuBefore, cpuAfter, r.ok));
    }

    /** Client and server engines handshaking in memory, ECDSA P-256 identity, X25519. */
    static double inMemoryReference(int threads, int seconds) throws Exception {
        try (TestCertificateAuthority ca = new TestCertificateAuthority()) {
            KeyPair key = TestCertificateAuthority.keyPair();
            X509Certificate leaf =
                    ca.issueFor(
                            key.getPublic(),
                            "localhost",
                            KeyPurposeId.id_kp_serverAuth,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            TlsConfig server =
                    TlsConfig.builder()
                            .certificate(List.of(leaf, ca.intermediate), key.getPrivate())
                            .build();
            TlsConfig client =
                    TlsConfig.builder()
                            .serverName("localhost")
                            .certificateValidator(
                                    new PkixCertificateValidator(TrustStore.of(ca.root)))
                            .build();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    while (System.nanoTime() < end) {
                                        TlsEngine c = TlsEngine.client(client);
                                        TlsEngine s = TlsEngine.server(server);
                                        byte[] toClient = s.feed(c.start().outbound()).outbound();
                                        s.feed(c.feed(toClient).outbound());
                                        if (s.isHandshakeComplete() && c.isHandshakeComplete()) {
                                            done.incrementAndGet();
                                        }
                                    }
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            return done.get() / (double) seconds;
        }
    }

    record Result(long ok, long failed, long[] latenciesNanos) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
        }
    }

    static Result run(BlockingHttp http, String base, TlsConfig config, int workers, int seconds)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            futures.add(
                    pool.submit(
                            () -> {
                                List<Long> latencies = new ArrayList<>();
                                while (System.nanoTime() < end) {
                                    try {
                                        latencies.add(lifecycle(http, base, config));
                                        ok.incrementAndGet();
                                    } catch (Exception e) {
                                        failed.incrementAndGet();
                                    }
                                }
                                return latencies;
                            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return new Result(
                ok.get(), failed.get(), all.stream().mapToLong(Long::longValue).toArray());
    }

    /** One complete lifecycle; returns the nanoseconds the two handshake requests took. */
    static long lifecycle(BlockingHttp http, String base, TlsConfig config) throws Exception {
        TlsEngine client = TlsEngine.client(config);
        long start = System.nanoTime();
        JsonNode first =
                post(http, base + "/api/v1/handshakes", null, client.start().outbound(), 201);
        EngineOutput out = client.feed(unb64(first.get("records").asText()));
        String id = first.get("handshakeId").asText();
        String secret = first.get("clientSecret").asText();
        JsonNode done =
                post(
                        http,
                        base + "/api/v1/handshakes/" + id + "/flights",
                        secret,
                        out.outbound(),
                        200);
        long took = System.nanoTime() - start;
        client.feed(unb64(done.get("records").asText()));
        if (!client.isHandshakeComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        String session = done.get("sessionId").asText();
        byte[] data = client.write("ping".getBytes(StandardCharsets.US_ASCII)).outbound();
        JsonNode echo =
                post(http, base + "/api/v1/sessions/" + session + "/records", secret, data, 200);
        byte[] plain = client.feed(unb64(echo.get("records").asText())).applicationBytes();
        if (!new String(plain, StandardCharsets.UTF_8).contains("ping")) {
            throw new IllegalStateException("no echo");
        }
        Response closed =
                http.exchange(
                        URI.create(base + "/api/v1/sessions/" + session),
                        "DELETE",
                        Map.of(ClientBinding.HEADER, secret),
                        null);
        if (closed.status() != 200) {
            throw new IllegalStateException("close answered " + closed.status());
        }
        return took;
    }

    static JsonNode post(
            BlockingHttp http, String url, String clientSecret, byte[] records, int expected)
            throws Exception {
        byte[] body =
                JSON.writeValueAsBytes(
                        Map.of("records", Base64.getEncoder().encodeToString(records)));
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (clientSecret != null) {
            headers.put(ClientBinding.HEADER, clientSecret);
        }
        Response r = http.exchange(URI.create(url), "POST", headers, body);
        if (r.status() != expected) {
            throw new IllegalStateException(url + " answered " + r.status());
        }
        return JSON.readTree(r.body());
    }

    static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }

    static X509Certificate root(BlockingHttp http, String caUrl) throws Exception {
        Response r = http.exchange(URI.create(caUrl + "/api/v1/ca/root"), "GET", Map.of(), null);
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(r.body()));
    }

    private RestHandshakeLoad() {}
}
