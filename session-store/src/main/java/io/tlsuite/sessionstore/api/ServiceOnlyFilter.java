package io.tlsuite.sessionstore.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs {@link ServiceCallerGuard} for every {@link ServiceOnly} endpoint, before the body is read.
 */
class ServiceOnlyFilter {

    @Inject ServiceCallerGuard guard;

    @ServerRequestFilter
    void requireServiceToken(
            ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        ServiceOnly only =
                resource.getResourceMethod() == null
                        ? null
                        : resource.getResourceMethod().getAnnotation(ServiceOnly.class);
        if (only == null) {
            return;
        }
        String target = request.getUriInfo().getPathParameters().getFirst("id");
        String remote =
                http == null || http.remoteAddress() == null
                        ? null
                        : http.remoteAddress().hostAddress();
        guard.require(
                request.getHeaderString(HttpHeaders.AUTHORIZATION), only.value(), target, remote);
    }
}
