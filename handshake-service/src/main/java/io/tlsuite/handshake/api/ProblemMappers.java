package io.tlsuite.handshake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlsuite.handshake.domain.RestProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as RFC 9457 problem details with a stable {@code type}; never a stack trace. */
class ProblemMappers {
    static final String BASE = "https://tlsuite.dev/problems/";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(RestProblem p) {
        Map<String, Object> body = base(p.status(), p.slug(), p.title(), p.getMessage());
        body.putAll(p.extensions());
        Response.ResponseBuilder r = Response.status(p.status()).type(PROBLEM_JSON).entity(body);
        if (p.extensions().get("retryAfterSeconds") instanceof Integer s) {
            r.header("Retry-After", s);
        }
        return r.build();
    }

    @ServerExceptionMapper
    Response json(JsonProcessingException e) {
        return Response.status(400)
                .type(PROBLEM_JSON)
                .entity(
                        base(
                                400,
                                "malformed-json",
                                "Malformed JSON",
                                "the body is not the expected JSON document"))
                .build();
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.warnf("request failed: %s", e.toString());
        }
        String slug =
                switch (status) {
                    case 400 -> "bad-request";
                    case 404 -> "not-found";
                    case 405 -> "method-not-allowed";
                    case 413 -> "body-too-large";
                    case 415 -> "unsupported-media-type";
                    default -> "http-" + status;
                };
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(
                        base(
                                status,
                                slug,
                                e.getResponse().getStatusInfo().getReasonPhrase(),
                                e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return Response.status(500)
                .type(PROBLEM_JSON)
                .entity(
                        base(
                                500,
                                "internal-error",
                                "Internal error",
                                "an unexpected error; see the service log"))
                .build();
    }

    private static Map<String, Object> base(int status, String slug, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", BASE + slug);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return body;
    }
}
