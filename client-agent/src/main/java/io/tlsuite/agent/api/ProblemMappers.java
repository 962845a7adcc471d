package io.tlsuite.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as application/problem+json (RFC 9457); never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response problem(int status, String slug, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://tlsuite.dev/problems/" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(p).build();
    }

    @ServerExceptionMapper
    public Response agent(AgentProblem e) {
        return problem(e.status, e.slug, e.title, e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(
                400,
                "malformed-json",
                "Malformed JSON",
                "the body is not the JSON this endpoint reads");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return problem(404, "not-found", "Not found", "no such resource");
        }
        if (e instanceof NotAllowedException) {
            return problem(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    "this resource does not answer that method");
        }
        if (e instanceof NotSupportedException) {
            return problem(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "send application/json");
        }
        if (status == 400) {
            return problem(
                    400,
                    "malformed-json",
                    "Malformed request",
                    "the body is not the JSON this endpoint reads");
        }
        return problem(status, "http-" + status, "HTTP " + status, "the request was refused");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf("unexpected error: %s", e.toString());
        return problem(
                500,
                "internal-error",
                "Internal error",
                "an internal error occurred; see the agent's log");
    }
}
