package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.live.LiveStream;
import io.tlsuite.service.problem.Problem;
import io.tlsuite.service.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dashboard's own refusals: too many live viewers, in all or from one client. Everything else
 * leaves as problem+json through the shared mappers of {@code service-support}.
 */
class ProblemMappers {

    static final ProblemType TOO_MANY_VIEWERS =
            ProblemType.of("too-many-viewers", 503, "Too many live viewers");

    static final ProblemType TOO_MANY_VIEWERS_FROM_CLIENT =
            ProblemType.of("too-many-viewers-from-client", 429, "Too many live viewers from you");

    @ServerExceptionMapper
    Response tooManyViewers(LiveStream.Full e, UriInfo uri) {
        return Problem.of(TOO_MANY_VIEWERS, e.getMessage(), Map.of(Problem.RETRY_AFTER_SECONDS, 10))
                .at(uri.getRequestUri().getRawPath())
                .toResponse();
    }

    @ServerExceptionMapper
    Response tooManyViewersFromClient(LiveStream.ClientFull e, UriInfo uri) {
        return Problem.of(
                        TOO_MANY_VIEWERS_FROM_CLIENT,
                        e.getMessage(),
                        Map.of(Problem.RETRY_AFTER_SECONDS, 10))
                .at(uri.getRequestUri().getRawPath())
                .toResponse();
    }
}
