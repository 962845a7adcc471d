package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.SessionStoreConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who answers, for a caller holding the service token: the handshake service checks at start that
 * its base URL reaches a session store of the API version it speaks and that its token (or client
 * certificate) is accepted, without registering anything. The answer is fixed at start, so the
 * endpoint costs only the HTTP stack and the caller check: it is also the reference the session
 * benchmark compares its cycles with.
 */
@Path("/api/v1/service")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service")
@Singleton
public class ServiceIdentityResource {

    /** Body of {@code GET /api/v1/service}. */
    record ServiceIdentity(String service, String version, String api, String backend) {}

    private final ServiceIdentity identity;

    @Inject
    ServiceIdentityResource(
            SessionStoreConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                    String version) {
        this.identity = new ServiceIdentity("session-store", version, "v1", config.backend());
    }

    @GET
    @ServiceOnly("read-service")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary = "Service name, version, API version and backend (service token)",
            description =
                    "A constant document: lets the handshake service check the base URL and its"
                            + " credentials without touching a session.")
    public ServiceIdentity identity() {
        return identity;
    }
}
