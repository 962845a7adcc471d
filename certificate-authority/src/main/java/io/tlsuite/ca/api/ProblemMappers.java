package io.tlsuite.ca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.domain.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code type}; bad input is 4xx and no
 * stack trace is ever sent.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response caProblem(CaProblem e) {
        return Problem.of(e.type(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response badJson(JsonProcessingException e) {
        return Problem.of(
                        ProblemType.INVALID_REQUEST,
                        "the body is not the expected JSON: " + e.getOriginalMessage())
                .toResponse();
    }

    /** Wrong JSON types: more specific than the framework's own mapper, so this one wins. */
    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String slug =
                switch (status) {
                    case 400 -> "invalid-request";
                    case 404 -> "not-found";
                    case 405 -> "method-not-allowed";
                    case 406 -> "not-acceptable";
                    case 415 -> "unsupported-media-type";
                    default -> status >= 500 ? "internal-error" : "http-" + status;
                };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(slug, title, status, status >= 500 ? "internal error" : e.getMessage())
                .toResponse();
    }

    @ServerExceptionMapper
    Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.of(ProblemType.INTERNAL, "internal error; see the CA's log").toResponse();
    }
}
