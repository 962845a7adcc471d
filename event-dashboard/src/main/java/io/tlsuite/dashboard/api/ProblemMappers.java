package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.live.LiveStream;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json; nothing internal reaches the caller. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response badQuery(BadQueryException e) {
        return Problem.of("bad-query", "Bad query parameter", 400, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response unknownAggregate(NotFoundProblem e) {
        return Problem.of("not-found", "Not found", 404, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response tooManyViewers(LiveStream.Full e) {
        return Response.fromResponse(
                        Problem.of("too-many-viewers", "Too many live viewers", 503, e.getMessage())
                                .toResponse())
                .header("Retry-After", "10")
                .build();
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return Problem.of("not-found", "Not found", 404, "No such resource").toResponse();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Problem.of(
                        "http-" + status,
                        e.getResponse().getStatusInfo().getReasonPhrase(),
                        status,
                        null)
                .toResponse();
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Problem.of("internal-error", "Internal error", 500, "See the service log")
                .toResponse();
    }
}
