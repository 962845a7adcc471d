package io.tlsuite.handshake.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.protocol.SessionSecrets;
import io.tlsuite.service.http.BlockingHttp;
import io.tlsuite.service.http.BlockingHttp.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session store's REST calls for completed sessions, with the service token: {@code POST
 * /api/v1/session-batches} (many registrations and closes in one request), and the single calls
 * {@code POST /api/v1/sessions} and {@code DELETE /api/v1/sessions/{id}}. The copies of the secrets
 * made for a body are zeroised once encoded, and the body once sent, whatever the outcome; the
 * sessions' own secrets stay the caller's to destroy (it may have to send them again).
 */
final class SessionStoreApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The store's answer to one operation. */
    record Outcome(boolean ok, String problem) {
        static final Outcome OK = new Outcome(true, null);
    }

    /** The store does not know the batch endpoint (an older version): send single calls. */
    static final class BatchUnsupported extends IOException {
        BatchUnsupported(int status) {
            super("the session store has no batch endpoint (HTTP " + status + ")");
        }
    }

    private final URI base;
    private final SessionStoreToken token;
    private final ObjectMapper json;
    private final BlockingHttp http = new BlockingHttp(TIMEOUT);
    private volatile long requests;

    SessionStoreApi(URI base, SessionStoreToken token, ObjectMapper json) {
        this.base = base;
        this.token = token;
        this.json = json;
    }

    /** HTTP requests sent so far (one thread sends, any reads). */
    long requests() {
        return requests;
    }

    /**
     * One request for every operation; the outcomes come back in the same order.
     *
     * @throws BatchUnsupported when the store answers 404 or 405 (nothing was applied)
     * @throws IOException when the request as a whole failed (nothing known about any operation)
     */
    List<Outcome> batch(List<SessionOperation> operations) throws IOException {
        List<Object> ops = new ArrayList<>(operations.size());
        for (SessionOperation op : operations) {
            ops.add(
                    op instanceof SessionOperation.Registration r
                            ? Map.of("register", registration(r.session()))
                            : Map.of("close", closing((SessionOperation.Closing) op)));
        }
        Response r = send("api/v1/session-batches", "POST", Map.of("operations", ops));
        if (r.status() == 404 || r.status() == 405) {
            throw new BatchUnsupported(r.status());
        }
        if (r.status() != 200) {
            throw new IOException("HTTP " + r.status() + " " + problemType(r.body()));
        }
        JsonNode results = json.readTree(r.body()).path("results");
        List<Outcome> outcomes = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            JsonNode result = results.path(i);
            outcomes.add(
                    outcome(
                            operations.get(i) instanceof SessionOperation.Registration,
                            result.path("status").asInt(0),
                            result.path("problem").path("type").asText("")));
        }
        return outcomes;
    }

    /**
     * What the store's status for one operation means, in a batch or as a single call: a
     * registration is taken with 201 (or 200), a close with 200, or 404 for a session the store
     * never knew (not a failure).
     */
    private static Outcome outcome(boolean registration, int status, String problemType) {
        boolean ok = registration ? status == 201 || status == 200 : status == 200 || status == 404;
        return ok ? Outcome.OK : new Outcome(false, "HTTP " + status + " " + problemType);
    }

    /** {@code POST /api/v1/sessions} for one session. */
    Outcome register(CompletedSession session) throws IOException {
        Response r = send("api/v1/sessions", "POST", registration(session));
        return outcome(true, r.status(), problemType(r.body()));
    }

    /** {@code DELETE /api/v1/sessions/{id}}; a session the store never knew is not a failure. */
    Outcome close(SessionOperation.Closing c) throws IOException {
        Response r =
                send(
                        "api/v1/sessions/"
                                + enc(c.sessionId())
                                + "?closedBy="
                                + enc(c.closedBy())
                                + "&reason="
                                + enc(c.reason()),
                        "DELETE",
                        null);
        return outcome(false, r.status(), problemType(r.body()));
    }

    /** The registration body (the session's secrets stay intact). */
    private static Map<String, Object> registration(CompletedSession s) {
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
        Base64.Encoder b64 = Base64.getEncoder();
        keys.put("clientTrafficSecret", b64(b64, secrets.clientApplicationTrafficSecret()));
        keys.put("serverTrafficSecret", b64(b64, secrets.serverApplicationTrafficSecret()));
        keys.put("exporterSecret", b64(b64, secrets.exporterMasterSecret()));
        byte[] resumption = secrets.resumptionMasterSecret();
        if (resumption.length > 0) {
            keys.put("resumptionSecret", b64(b64, resumption));
        }
        body.put("keys", keys);
        return body;
    }

    private static Map<String, Object> closing(SessionOperation.Closing c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.sessionId());
        body.put("closedBy", c.closedBy());
        body.put("reason", c.reason());
        return body;
    }

    private static String b64(Base64.Encoder enc, byte[] secret) {
        try {
            return enc.encodeToString(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private Response send(String path, String method, Object body) throws IOException {
        byte[] payload = body == null ? null : json.writeValueAsBytes(body);
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token.get());
            if (payload != null) {
                headers.put("Content-Type", "application/json");
            }
            requests++;
            return http.exchange(base.resolve(path), method, headers, payload);
        } finally {
            if (payload != null) {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }

    private String problemType(byte[] body) {
        try {
            return json.readTree(body).path("type").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
