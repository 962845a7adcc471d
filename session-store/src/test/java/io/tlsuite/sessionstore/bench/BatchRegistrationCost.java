package io.tlsuite.sessionstore.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What one session's registration and close cost the processes behind the store (the store itself,
 * and whatever else is named: the Kafka broker, the dashboard), sent as the handshake service sends
 * them: one call each ({@code POST /sessions}, {@code DELETE /sessions/{id}}), or in batches
 * ({@code POST /session-batches}). The two ways alternate in rounds against the same running
 * processes, and each round reads their CPU time (utime + stime in {@code /proc}) before and after,
 * so that the ratio holds on a busy machine. Not a test.
 *
 * <p>Arguments: base URL, service token, sessions per round, rounds, batch size, then {@code
 * name=pid} of every process to read (e.g. {@code session-store=1234 kafka=1200}).
 */
public final class BatchRegistrationCost {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int sessions = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        List<String[]> procs = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            procs.add(args[i].split("=", 2));
        }
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        BatchRegistrationCost bench = new BatchRegistrationCost(http, base, token);
        bench.singles(sessions / 4);
        bench.batches(sessions / 4, batch);
        System.out.printf(
                "# %d sessions per round, batches of %d operations, load %s%n",
                sessions, batch, Files.readString(Path.of("/proc/loadavg")).trim());
        for (int r = 1; r <= rounds; r++) {
            for (String mode : new String[] {"single", "batch"}) {
                ProcessCpu.Ticks[] before = ticks(procs);
                long t0 = System.nanoTime();
                if (mode.equals("single")) {
                    bench.singles(sessions);
                } else {
                    bench.batches(sessions, batch);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                ProcessCpu.Ticks[] after = ticks(procs);
                StringBuilder line =
                        new StringBuilder(String.format("round %d %-6s %6d ms", r, mode, ms));
                for (int i = 0; i < procs.size(); i++) {
                    // clock ticks are 10 ms: microseconds per session
                    ProcessCpu.Ticks used = after[i].minus(before[i]);
                    line.append(
                            String.format(
                                    "  %s %5d us (%d without JIT threads)",
                                    procs.get(i)[0],
                                    used.all() * 10_000 / sessions,
                                    used.withoutJit() * 10_000 / sessions));
                }
                System.out.println(line);
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String keys;

    private BatchRegistrationCost(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.keys =
                "{\"clientTrafficSecret\":\""
                        + b64(32)
                        + "\",\"serverTrafficSecret\":\""
                        + b64(32)
                        + "\",\"exporterSecret\":\""
                        + b64(32)
                        + "\",\"resumptionSecret\":\""
                        + b64(32)
                        + "\"}";
    }

    private String registration(String id) {
        return "{\"id\":\""
                + id
                + "\",\"handshakeId\":\"hs-"
                + id
                + "\",\"client\":\"127.0.0.1:50000\",\"server\":\"handshake-service/bench\","
                + "\"protocolVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                + "\"serverCertificateSerial\":\"0a1b2c\",\"keys\":"
                + keys
                + "}";
    }

    private void singles(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = "cost-" + UUID.randomUUID();
            expect(201, post("/api/v1/sessions", registration(id)));
            expect(
                    200,
                    send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    base
                                                            + "/api/v1/sessions/"
                                                            + id
                                                            + "?closedBy=client&reason=close_notify"))
                                    .DELETE()));
        }
    }

    /** Each session's registration and close in the same batch, as a short connection's are. */
    private void batches(int n, int size) throws Exception {
        StringBuilder ops = new StringBuilder();
        int inBatch = 0;
        for (int i = 0; i < n; i++) {
            String id = "cost-" + UUID.randomUUID();
            ops.append(ops.isEmpty() ? "" : ",")
                    .append("{\"register\":")
                    .append(registration(id))
                    .append("},{\"close\":{\"id\":\"")
                    .append(id)
                    .append("\",\"closedBy\":\"client\",\"reason\":\"close_notify\"}}");
            inBatch += 2;
            if (inBatch >= size || i == n - 1) {
                expect(200, post("/api/v1/session-batches", "{\"operations\":[" + ops + "]}"));
                ops.setLength(0);
                inBatch = 0;
            }
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(
                b.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status || r.body().contains("\"problem\":{")) {
            throw new IllegalStateException(
                    "HTTP "
                            + r.statusCode()
                            + ": "
                            + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }

    private static ProcessCpu.Ticks[] ticks(List<String[]> procs) throws Exception {
        ProcessCpu.Ticks[] t = new ProcessCpu.Ticks[procs.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ProcessCpu.read(procs.get(i)[1]);
        }
        return t;
    }

    private static String b64(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
