package io.tlsuite.sessionstore.api;

import io.tlsuite.service.problem.CommonProblems;
import io.tlsuite.service.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses declared bodies larger than {@code sessionstore.max-body-bytes} (batches: {@code
 * sessionstore.batch.max-body-bytes}) with a 413 problem before anything reads them. Bodies without
 * a length are capped by {@code quarkus.http.limits}.
 */
@Provider
@PreMatching
class BodySizeLimit implements ContainerRequestFilter {

    /** Read on first use: providers may be built before runtime configuration is there. */
    private volatile int limit = -1;

    private volatile int batchLimit = -1;

    private int limit(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath().startsWith(BATCHES)
                ? batchLimit()
                : plainLimit();
    }

    private int batchLimit() {
        int l = batchLimit;
        if (l < 0) {
            l =
                    ConfigProvider.getConfig()
                            .getOptionalValue("sessionstore.batch.max-body-bytes", Integer.class)
                            .orElse(524_288);
            batchLimit = l;
        }
        return l;
    }

    private int plainLimit() {
        int l = limit;
        if (l < 0) {
            l = ConfigProvider.getConfig().getValue("sessionstore.max-body-bytes", Integer.class);
            limit = l;
        }
        return l;
    }

    /**
     * Batches carry many sessions: they have their own limit, sessionstore.batch.max-body-bytes.
     */
    private static final String BATCHES = "/api/v1/session-batches";

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (declared <= Math.min(plainLimit(), batchLimit())) {
            return; // within both limits: no need to build the request URI to know which applies
        }
        int limit = limit(request);
        if (declared > limit) {
            request.abortWith(
                    Problem.of(
                                    CommonProblems.BODY_TOO_LARGE,
                                    "bodies are limited to " + limit + " bytes")
                            .at(request.getUriInfo().getRequestUri().getRawPath())
                            .toResponse());
        }
    }
}
