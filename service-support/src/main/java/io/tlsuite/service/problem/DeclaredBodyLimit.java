package io.tlsuite.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A body whose declared length is over {@code quarkus.http.limits.max-body-size} gets a 413
 * problem+json ({@code body-too-large}) before anything reads it. Without this the HTTP layer
 * answers such a request itself, with an empty 413 that is not problem+json. (A body sent without a
 * length is still cut off by the HTTP layer alone.)
 */
@ApplicationScoped
public class DeclaredBodyLimit {

    /** Quarkus's own default for {@code quarkus.http.limits.max-body-size}. */
    private static final long QUARKUS_DEFAULT = 10L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Filters filters) {
        long limit =
                ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                        .map(MemorySize::asLongValue)
                        .orElse(QUARKUS_DEFAULT);
        // before every other filter and route
        filters.register(ctx -> check(ctx, limit), Integer.MAX_VALUE - 10);
    }

    static void check(RoutingContext ctx, long limit) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && declared(length) > limit) {
            Problem problem =
                    Problem.of(
                                    CommonProblems.BODY_TOO_LARGE,
                                    "bodies are limited to " + limit + " bytes")
                            .at(ctx.request().path());
            String body;
            try {
                body = JSON.writeValueAsString(problem.asMap());
            } catch (JsonProcessingException e) {
                body = "{\"type\":\"" + problem.getType() + "\",\"status\":413}";
            }
            // The body is not read: close, so it does not become the next request.
            ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(body);
            return;
        }
        ctx.next();
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
