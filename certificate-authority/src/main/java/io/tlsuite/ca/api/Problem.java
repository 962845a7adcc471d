package io.tlsuite.ca.api;

import io.tlsuite.ca.domain.ProblemType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details document. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://tlsuite.dev/problems/";

    static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail);
    }

    static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail);
    }

    Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"tlsuite-ca\"");
        }
        return builder.build();
    }
}
