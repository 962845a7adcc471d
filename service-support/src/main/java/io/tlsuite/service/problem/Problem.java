package io.tlsuite.service.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem details document, the one error shape of every service. {@code detail} and
 * the extension members are written for the caller: they name ids and limits, never key material,
 * internal class names or stack traces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    public static final String TYPE_BASE = "https://tlsuite.dev/problems/";

    /** The extension member that, when an integer, also becomes the {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final ProblemType kind;
    private final String detail;
    private final String instance;
    private final Map<String, Object> extensions;

    private Problem(
            ProblemType kind, String detail, String instance, Map<String, Object> extensions) {
        this.kind = kind;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions;
    }

    public static Problem of(ProblemType kind, String detail) {
        return new Problem(kind, detail, null, Map.of());
    }

    public static Problem of(ProblemType kind, String detail, Map<String, Object> extensions) {
        return new Problem(kind, detail, null, Map.copyOf(extensions));
    }

    /** The same problem, naming the request path it answers (RFC 9457 §3.1.5). */
    public Problem at(String path) {
        return new Problem(kind, detail, path, extensions);
    }

    public String getType() {
        return kind.uri();
    }

    public String getTitle() {
        return kind.title();
    }

    public int getStatus() {
        return kind.status();
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    public ProblemType kind() {
        return kind;
    }

    /** The response carrying this problem, with the headers its status calls for. */
    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(getStatus()).type(MEDIA).entity(this);
        if (getStatus() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (extensions.get(RETRY_AFTER_SECONDS) instanceof Integer seconds) {
            r.header(HttpHeaders.RETRY_AFTER, seconds);
        }
        return r.build();
    }

    /** The members as a map, in document order, e.g. for a body written outside JAX-RS. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", getType());
        m.put("title", getTitle());
        m.put("status", getStatus());
        if (detail != null) {
            m.put("detail", detail);
        }
        if (instance != null) {
            m.put("instance", instance);
        }
        m.putAll(extensions);
        return m;
    }

    @Override
    public String toString() {
        return "Problem" + asMap();
    }
}
