package io.tlsuite.handshake.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.protocol.SessionSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The session store's REST API ({@code POST /api/v1/sessions}, {@code DELETE
 * /api/v1/sessions/{id}}) with the service token ({@code Authorization: Bearer}). Calls run on a
 * small bounded executor: a handshake never waits for the store, and a store that is down costs
 * failed registrations (logged and counted), never a failed handshake.
 */
public final class SessionStoreRegistry implements SessionRegistry, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SessionStoreRegistry.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final SessionStoreToken token;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor executor =
            // One thread keeps each session's registration before its close; the queue bounds
            // what waits while the store is slow (beyond it, registrations are refused and
            // counted).
            new ThreadPoolExecutor(
                    1,
                    1,
                    30,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(10_000),
                    r -> {
                        Thread t = new Thread(r, "session-store-client");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastProblem;

    public SessionStoreRegistry(
            String baseUrl, Optional<String> token, Path tokenFile, ObjectMapper json) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = new SessionStoreToken(token, tokenFile);
        this.json = json;
    }

    @Override
    public void registered(CompletedSession session) {
        try {
            executor.execute(() -> register(session));
        } catch (RejectedExecutionException e) {
            destroy(session.secrets());
            failure("registration queue full", session.sessionId());
        }
    }

    private void register(CompletedSession s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.sessionId());
        body.put("handshakeId", s.handshakeId());
        body.put("client", s.client());
        body.put("server", s.server());
        body.put("protocolVersion", s.protocolVersion());
        body.put("cipherSuite", s.cipherSuite());
        body.put("serverCertificateSerial", s.serverCertificateSerial());
        if (s.clientCertificateSerial() != null) {
            body.put("clientCertificateSerial", s.clientCertificateSerial());
        }
        body.put("createdAt", s.createdAt().toString());
        if (s.resumedFrom() != null) {
            body.put("resumedFrom", s.resumedFrom());
            body.put("resumptionMethod", "psk");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        SessionSecrets secrets = s.secrets();
        byte[] payload = null;
        try {
            Base64.Encoder b64 = Base64.getEncoder();
            keys.put("clientTrafficSecret", b64(b64, secrets.clientApplicationTrafficSecret()));
            keys.put("serverTrafficSecret", b64(b64, secrets.serverApplicationTrafficSecret()));
            keys.put("exporterSecret", b64(b64, secrets.exporterMasterSecret()));
            byte[] resumption = secrets.resumptionMasterSecret();
            if (resumption.length > 0) {
                keys.put("resumptionSecret", b64(b64, resumption));
            }
            body.put("keys", keys);
            payload = json.writeValueAsBytes(body);
            HttpResponse<String> r =
                    send(
                            HttpRequest.newBuilder(base.resolve("api/v1/sessions"))
                                    .timeout(TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token.get())
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                                    .build());
            if (r.statusCode() == 201 || r.statusCode() == 200) {
                registered.incrementAndGet();
            } else {
                failure("HTTP " + r.statusCode() + " " + problemType(r.body()), s.sessionId());
            }
        } catch (IOException | RuntimeException e) {
            failure(e.getClass().getSimpleName() + ": " + e.getMessage(), s.sessionId());
        } finally {
            destroy(secrets);
            keys.clear();
            if (payload != null) {
                java.util.Arrays.fill(payload, (byte) 0);
            }
        }
    }

    private static String b64(Base64.Encoder enc, byte[] secret) {
        try {
            return enc.encodeToString(secret);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public void closed(String sessionId, String closedBy, String reason) {
        try {
            executor.execute(
                    () -> {
                        try {
                            HttpResponse<String> r =
                                    send(
                                            HttpRequest.newBuilder(
                                                            base.resolve(
                                                                    "api/v1/sessions/"
                                                                            + enc(sessionId)
                                                                            + "?closedBy="
                                                                            + enc(closedBy)
                                                                            + "&reason="
                                                                            + enc(reason)))
                                                    .timeout(TIMEOUT)
                                                    .header(
                                                            "Authorization",
                                                            "Bearer " + token.get())
                                                    .DELETE()
                                                    .build());
                            if (r.statusCode() >= 300 && r.statusCode() != 404) {
                                LOG.warnf(
                                        "session store refused to close session %s: HTTP %d",
                                        sessionId, r.statusCode());
                            }
                        } catch (IOException | RuntimeException e) {
                            LOG.warnf(
                                    "cannot close session %s in the store: %s",
                                    sessionId, e.getMessage());
                        }
                    });
        } catch (RejectedExecutionException e) {
            LOG.warnf("cannot close session %s in the store: too many closes queued", sessionId);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String problemType(String body) {
        try {
            return json.readTree(body).path("type").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void failure(String problem, String sessionId) {
        failed.incrementAndGet();
        lastProblem = problem;
        LOG.warnf("session %s not registered in the session store: %s", sessionId, problem);
    }

    private static void destroy(SessionSecrets s) {
        if (s != null) {
            s.destroy();
        }
    }

    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public long registeredCount() {
        return registered.get();
    }

    @Override
    public long failedCount() {
        return failed.get();
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
