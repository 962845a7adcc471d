package io.tlsuite.handshake.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal of a REST handshake step, as an RFC 9457 problem: HTTP status, a stable type slug
 * ({@code https://tlsuite.dev/problems/<slug>}), and extension members (e.g. the TLS alert and the
 * records that carry it).
 */
public final class RestProblem extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public RestProblem(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public RestProblem with(String name, Object value) {
        if (value != null) {
            extensions.put(name, value);
        }
        return this;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static RestProblem unknownHandshake(String id) {
        return new RestProblem(
                404,
                "unknown-handshake",
                "Unknown handshake",
                "no handshake "
                        + id
                        + " (unknown or long gone; without a shared session store, maybe served by"
                        + " another replica)");
    }

    public static RestProblem unknownSession(String id) {
        return new RestProblem(
                404,
                "unknown-session",
                "Unknown session",
                "no open session "
                        + id
                        + " (unknown or long gone; without a shared session store, maybe served by"
                        + " another replica)");
    }
}
