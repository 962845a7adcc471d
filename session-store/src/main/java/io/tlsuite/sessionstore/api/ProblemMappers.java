package io.tlsuite.sessionstore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateException;
import io.tlsuite.sessionstore.domain.RegistryException;
import io.tlsuite.sessionstore.store.BackendUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the API as application/problem+json; never a stack trace, never a 500 for input.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Context UriInfo uri;

    @ServerExceptionMapper
    Response registry(RegistryException e) {
        var r = e.rejection();
        return problem(r.slug(), r.title(), statusOf(r), e.getMessage());
    }

    static int statusOf(io.tlsuite.sessionstore.domain.Rejection r) {
        switch (r) {
            case SESSION_NOT_FOUND:
            case TICKET_NOT_FOUND:
                return 404;
            case SESSION_EXISTS:
            case TICKET_EXISTS:
            case TICKET_ALREADY_USED:
            case CERTIFICATE_REVOKED:
                return 409;
            case SESSION_ENDED:
            case TICKET_EXPIRED:
            case TICKET_WITHDRAWN:
                return 410;
            default:
                return 400;
        }
    }

    @ServerExceptionMapper
    Response engineState(EngineStateException e) {
        var r = e.reason();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.TYPE_BASE + r.slug);
        body.put("title", r.title);
        body.put("status", r.status);
        body.put("detail", e.getMessage());
        body.put("instance", path());
        EngineState current = e.current();
        if (current != null) {
            body.put("currentVersion", current.version());
            body.put("stateStatus", current.status().name());
            if (current.endReason() != null) {
                body.put("endReason", current.endReason());
            }
        }
        var response = Response.status(r.status).type(Problem.MEDIA_TYPE).entity(body);
        if (current != null) {
            response.tag(new EntityTag(Long.toString(current.version())));
        }
        return response.build();
    }

    @ServerExceptionMapper
    Response preconditionRequired(EngineStatePreconditionRequired e) {
        return problem("precondition-required", "Precondition required", 428, e.getMessage());
    }

    @ServerExceptionMapper
    Response invalid(InvalidRequestException e) {
        Problem p =
                new Problem(
                        Problem.TYPE_BASE + "invalid-request",
                        "Invalid request",
                        400,
                        e.errors().size() + " field(s) are invalid",
                        path(),
                        e.errors());
        return p.toResponse();
    }

    @ServerExceptionMapper
    Response denied(AccessDeniedException e) {
        Response r =
                e.credentialsPresented()
                        ? problem(
                                "forbidden",
                                "Forbidden",
                                403,
                                "the bearer token is not the service token")
                        : problem(
                                "unauthorized",
                                "Unauthorized",
                                401,
                                "this endpoint needs the service token: Authorization: Bearer <token>");
        if (!e.credentialsPresented()) {
            return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        return r;
    }

    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    Response malformedJson(JsonProcessingException e) {
        return problem(
                "malformed-body", "Malformed body", 400, "the body is not the expected JSON");
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status == 400 && e.getCause() != null) {
            return malformedJson(null);
        }
        switch (status) {
            case 400:
                return problem("bad-request", "Bad request", 400, "the request cannot be read");
            case 404:
                return problem("not-found", "Not found", 404, "no such resource");
            case 405:
                return problem(
                        "method-not-allowed", "Method not allowed", 405, "method not allowed here");
            case 406:
                return problem("not-acceptable", "Not acceptable", 406, "only JSON is served");
            case 413:
                return problem(
                        "payload-too-large", "Payload too large", 413, "the body is too large");
            case 415:
                return problem(
                        "unsupported-media-type",
                        "Unsupported media type",
                        415,
                        "send application/json");
            default:
                if (status >= 500) {
                    LOG.errorf(e, "Request failed with %d", status);
                    return problem(
                            "internal-error", "Internal error", status, "the request failed");
                }
                return problem("http-" + status, "HTTP " + status, status, null);
        }
    }

    @ServerExceptionMapper
    Response unavailable(BackendUnavailableException e) {
        LOG.warnf("Backend unavailable on %s: %s", path(), String.valueOf(e.getCause()));
        return Response.fromResponse(
                        problem(
                                "backend-unavailable",
                                "Backend unavailable",
                                503,
                                "the session backend did not answer; retry later"))
                .header("Retry-After", "1")
                .build();
    }

    @ServerExceptionMapper
    Response unexpected(Exception e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return malformedJson(null);
        }
        LOG.errorf(e, "Unexpected failure on %s", path());
        return problem(
                "internal-error", "Internal error", 500, "the request failed; see the service log");
    }

    private Response problem(String slug, String title, int status, String detail) {
        return Problem.of(slug, title, status, detail).at(path()).toResponse();
    }

    private String path() {
        try {
            return uri == null ? null : uri.getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
