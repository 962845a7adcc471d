package io.tlsuite.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service leaves as problem+json with a stable {@code type}: refusals the
 * service raised ({@link ProblemException}), bodies that are not the expected JSON, what the
 * framework itself refuses (404, 405, 406, 415, ...), and anything unexpected (500, logged here,
 * never echoed). Parser messages are not echoed either: they name Java types.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return e.toProblem().at(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return malformed(e, uri);
    }

    /** Wrong JSON types: more specific than the framework's own mapper, so this one wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request to %s failed with %d", path(uri), status);
            return Problem.of(CommonProblems.INTERNAL_ERROR, "the request failed; see the log")
                    .at(path(uri))
                    .toResponse();
        }
        ProblemType kind = CommonProblems.forStatus(status);
        String detail =
                switch (status) {
                    case 404 -> "no such resource";
                    case 405 -> "this method is not allowed here";
                    case 406 -> "this resource is served as JSON";
                    case 413 -> "the body is larger than this endpoint accepts";
                    case 415 -> "send a body of the documented media type (application/json)";
                    default -> "the request cannot be served";
                };
        return Problem.of(kind, detail).at(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        LOG.errorf(e, "unexpected failure on %s", path(uri));
        return Problem.of(CommonProblems.INTERNAL_ERROR, "the request failed; see the log")
                .at(path(uri))
                .toResponse();
    }

    private static Response malformed(JsonProcessingException e, UriInfo uri) {
        String where = "";
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            where = " at '" + MalformedJsonPath.of(m.getPath()) + "'";
        }
        return Problem.of(
                        CommonProblems.MALFORMED_BODY,
                        "the body is not the JSON document this endpoint reads" + where)
                .at(path(uri))
                .toResponse();
    }

    /**
     * The request path as sent, still percent-encoded: a valid URI reference for {@code instance}
     * (RFC 9457 §3.1.5), and caller text (a {@code ${...}}, a line break) is never decoded into it.
     */
    private static String path(UriInfo uri) {
        try {
            return uri == null ? null : uri.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
