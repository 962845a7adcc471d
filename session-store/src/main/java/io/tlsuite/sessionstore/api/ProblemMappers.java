package io.tlsuite.sessionstore.api;

import io.tlsuite.service.problem.CommonProblems;
import io.tlsuite.service.problem.Problem;
import io.tlsuite.service.problem.ProblemType;
import io.tlsuite.sessionstore.domain.BackendUnavailableException;
import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateException;
import io.tlsuite.sessionstore.domain.RegistryException;
import io.tlsuite.sessionstore.domain.Rejection;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The session store's own refusals as problem+json; what every service shares (bad JSON, framework
 * statuses, the unexpected) is mapped by {@code service-support}. Never a stack trace, never key
 * material, never a 500 for input.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response registry(RegistryException e, UriInfo uri) {
        Rejection r = e.rejection();
        return Problem.of(ProblemType.of(r.slug(), statusOf(r), r.title()), e.getMessage())
                .at(uri.getRequestUri().getRawPath())
                .toResponse();
    }

    static int statusOf(Rejection r) {
        return switch (r) {
            case SESSION_NOT_FOUND, TICKET_NOT_FOUND -> 404;
            case SESSION_EXISTS, TICKET_EXISTS, TICKET_ALREADY_USED, CERTIFICATE_REVOKED -> 409;
            case SESSION_ENDED, TICKET_EXPIRED, TICKET_WITHDRAWN -> 410;
            default -> 400;
        };
    }

    @ServerExceptionMapper
    Response engineState(EngineStateException e, UriInfo uri) {
        var r = e.reason();
        Map<String, Object> members = new LinkedHashMap<>();
        EngineState current = e.current();
        if (current != null) {
            members.put("currentVersion", current.version());
            members.put("stateStatus", current.status().name());
            if (current.endReason() != null) {
                members.put("endReason", current.endReason());
            }
        }
        Response problem =
                Problem.of(ProblemType.of(r.slug, r.status, r.title), e.getMessage(), members)
                        .at(uri.getRequestUri().getRawPath())
                        .toResponse();
        if (current == null) {
            return problem;
        }
        return Response.fromResponse(problem)
                .tag(new EntityTag(Long.toString(current.version())))
                .build();
    }

    @ServerExceptionMapper
    Response preconditionRequired(EngineStatePreconditionRequired e, UriInfo uri) {
        return Problem.of(
                        ProblemType.of("precondition-required", 428, "Precondition required"),
                        e.getMessage())
                .at(uri.getRequestUri().getRawPath())
                .toResponse();
    }

    @ServerExceptionMapper
    Response denied(AccessDeniedException e, UriInfo uri) {
        Problem p =
                e.credentialsPresented()
                        ? Problem.of(
                                CommonProblems.FORBIDDEN,
                                "the bearer token is not the service token")
                        : Problem.of(
                                CommonProblems.UNAUTHORIZED,
                                "this endpoint needs the service token: Authorization: Bearer"
                                        + " <token>");
        return p.at(uri.getRequestUri().getRawPath()).toResponse();
    }

    @ServerExceptionMapper
    Response unavailable(BackendUnavailableException e, UriInfo uri) {
        LOG.warnf(
                "Backend unavailable on %s: %s",
                uri.getRequestUri().getRawPath(), String.valueOf(e.getCause()));
        return Problem.of(
                        ProblemType.of("backend-unavailable", 503, "Backend unavailable"),
                        "the session backend did not answer; retry later",
                        Map.of(Problem.RETRY_AFTER_SECONDS, 1))
                .at(uri.getRequestUri().getRawPath())
                .toResponse();
    }
}
