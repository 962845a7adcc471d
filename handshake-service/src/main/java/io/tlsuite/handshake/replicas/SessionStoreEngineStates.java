package io.tlsuite.handshake.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.sessions.SessionStoreToken;
import io.tlsuite.service.http.BlockingHttp;
import io.tlsuite.service.http.BlockingHttp.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The session store's {@code /api/v1/engine-states} over HTTP, with the service token. Calls run on
 * the request thread (a step cannot answer before its state is stored) with a short timeout; the
 * version travels as the entity tag. Logs name ids and statuses only, never state bytes.
 */
public final class SessionStoreEngineStates implements EngineStateStore {
    private static final Logger LOG = Logger.getLogger(SessionStoreEngineStates.class);
    private static final String PROBLEMS = "https://tlsuite.dev/problems/";

    private final URI base;
    private final SessionStoreToken token;
    private final ObjectMapper json;
    private final BlockingHttp http;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public SessionStoreEngineStates(
            String baseUrl,
            Optional<String> token,
            Path tokenFile,
            Duration timeout,
            ObjectMapper json) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = new SessionStoreToken(token, tokenFile);
        this.json = json;
        this.http = new BlockingHttp(timeout);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Fetch fetch(String id, long heldVersion) {
        try {
            Map<String, String> headers = headers();
            if (heldVersion > 0) {
                headers.put("If-None-Match", "\"" + heldVersion + "\"");
            }
            Response r = send(uri(id, null), "GET", headers, null);
            switch (r.status()) {
                case 200:
                    JsonNode body = json.readTree(r.body());
                    Arrays.fill(r.body(), (byte) 0);
                    return new Fetch.Current(
                            body.path("version").asLong(),
                            Base64.getDecoder().decode(body.path("snapshot").asText()));
                case 304:
                    return new Fetch.Unchanged(heldVersion);
                case 404:
                    return new Fetch.Missing();
                case 410:
                    JsonNode problem = json.readTree(r.body());
                    if ((PROBLEMS + "engine-state-expired").equals(problem.path("type").asText())) {
                        return new Fetch.Expired();
                    }
                    return new Fetch.Ended(problem.path("endReason").asText("ended"));
                default:
                    return unavailable(id, "HTTP " + r.status() + " " + type(r));
            }
        } catch (IOException | RuntimeException e) {
            return unavailable(id, e.getClass().getSimpleName());
        }
    }

    @Override
    public Write create(String id, Kind kind, byte[] state, Duration ttl) {
        return put(id, "If-None-Match", "*", kind, state, ttl);
    }

    @Override
    public Write replace(String id, long version, Kind kind, byte[] state, Duration ttl) {
        return put(id, "If-Match", "\"" + version + "\"", kind, state, ttl);
    }

    private Write put(
            String id, String header, String value, Kind kind, byte[] state, Duration ttl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind.name().toLowerCase(Locale.ROOT));
        body.put("snapshot", Base64.getEncoder().encodeToString(state));
        body.put("ttlSeconds", Math.max(1, (ttl.toMillis() + 999) / 1000));
        byte[] payload = null;
        try {
            payload = json.writeValueAsBytes(body);
            Map<String, String> headers = headers();
            headers.put(header, value);
            headers.put("Content-Type", "application/json");
            return written(id, send(uri(id, null), "PUT", headers, payload));
        } catch (IOException | RuntimeException e) {
            unavailable(id, e.getClass().getSimpleName());
            return Write.unavailable();
        } finally {
            body.clear();
            if (payload != null) {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }

    @Override
    public Write end(String id, long version, String reason) {
        try {
            Map<String, String> headers = headers();
            headers.put("If-Match", "\"" + version + "\"");
            Response r =
                    send(
                            uri(id, "reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)),
                            "DELETE",
                            headers,
                            null);
            if (r.status() == 200
                    && json.readTree(r.body()).path("alreadyEnded").asBoolean(false)) {
                return Write.lost();
            }
            return written(id, r);
        } catch (IOException | RuntimeException e) {
            unavailable(id, e.getClass().getSimpleName());
            return Write.unavailable();
        }
    }

    private Write written(String id, Response r) {
        int status = r.status();
        if (status == 200 || status == 201) {
            String etag = (r.etag() == null ? "0" : r.etag()).replace("\"", "");
            return new Write(Outcome.WON, Long.parseLong(etag.trim()));
        }
        if (status == 412 || status == 410 || status == 404) {
            return Write.lost();
        }
        unavailable(id, "HTTP " + status + " " + type(r));
        return Write.unavailable();
    }

    private URI uri(String id, String query) {
        return base.resolve(
                "api/v1/engine-states/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        + (query == null ? "" : "?" + query));
    }

    /** The headers every call carries (the service token); callers add their own. */
    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token.get());
        return headers;
    }

    private Response send(URI uri, String method, Map<String, String> headers, byte[] body)
            throws IOException {
        long start = System.nanoTime();
        try {
            return http.exchange(uri, method, headers, body);
        } finally {
            calls.incrementAndGet();
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    private String type(Response r) {
        try {
            return json.readTree(r.body()).path("type").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private Fetch unavailable(String id, String problem) {
        failures.incrementAndGet();
        LOG.warnf("engine state %s: the session store did not serve it: %s", id, problem);
        return new Fetch.Unavailable(problem);
    }

    /** Calls made, their total time, and failures: for metrics. */
    public long calls() {
        return calls.get();
    }

    public double secondsSpent() {
        return nanos.get() / 1e9;
    }

    public long failures() {
        return failures.get();
    }
}
