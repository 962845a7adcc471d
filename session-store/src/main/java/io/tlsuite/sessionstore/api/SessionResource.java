package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.api.Dtos.CloseResult;
import io.tlsuite.sessionstore.api.Dtos.SessionKeys;
import io.tlsuite.sessionstore.api.Dtos.SessionPage;
import io.tlsuite.sessionstore.api.Dtos.SessionRequest;
import io.tlsuite.sessionstore.api.Dtos.SessionView;
import io.tlsuite.sessionstore.domain.KeyMaterial;
import io.tlsuite.sessionstore.domain.Session;
import io.tlsuite.sessionstore.domain.SessionBackend.SessionFilter;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import io.tlsuite.sessionstore.domain.SessionState;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sessions: register, read metadata, list, read keys (service token), close. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
@SecurityScheme(
        securitySchemeName = "serviceToken",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "The handshake service's token: sessionstore.service-token or the token file")
public class SessionResource {

    static final int MAX_PAGE = 500;

    @Inject SessionRegistry registry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ServiceOnly("create-session")
    @SecurityRequirement(name = "serviceToken")
    @Operation(summary = "Register a session with its key material (service token)")
    public Response create(SessionRequest body, @Context UriInfo uri) {
        Session session = register(registry, body);
        return Response.created(uri.getAbsolutePathBuilder().path(session.id()).build())
                .entity(SessionView.of(session))
                .build();
    }

    /**
     * Checks a registration as {@code POST /api/v1/sessions} does and registers it; shared with
     * {@link SessionBatchResource}, so that a batch accepts exactly what one call accepts.
     */
    static Session register(SessionRegistry registry, SessionRequest body) {
        Checks.requireBody(body);
        Checks c = new Checks();
        String id = body.id() == null ? UUID.randomUUID().toString() : c.id("id", body.id(), true);
        String handshakeId = c.id("handshakeId", body.handshakeId(), true);
        String client = c.text("client", body.client(), true);
        String server = c.text("server", body.server(), true);
        String version = c.protocolVersion("protocolVersion", body.protocolVersion());
        String suite = c.text("cipherSuite", body.cipherSuite(), true);
        String serverSerial =
                c.serial("serverCertificateSerial", body.serverCertificateSerial(), true);
        String clientSerial =
                c.serial("clientCertificateSerial", body.clientCertificateSerial(), false);
        String resumedFrom = c.id("resumedFrom", body.resumedFrom(), false);
        String method = null;
        if (resumedFrom != null) {
            method =
                    io.tlsuite.sessionstore.domain.TicketKind.parse(body.resumptionMethod())
                            .map(k -> k.wireName())
                            .orElse(null);
            if (method == null) {
                c.fail("resumptionMethod", "psk, ticket or session-id when resumedFrom is set");
            }
        }
        var expiresAt = body.expiresAt();
        if (body.lifetimeSeconds() != null) {
            if (expiresAt != null) {
                c.fail("lifetimeSeconds", "give expiresAt or lifetimeSeconds, not both");
            } else if (body.lifetimeSeconds() <= 0 || body.lifetimeSeconds() > 10L * 365 * 86400) {
                c.fail("lifetimeSeconds", "must be positive");
            } else {
                expiresAt =
                        java.time.Instant.now().plus(Duration.ofSeconds(body.lifetimeSeconds()));
            }
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        try {
            if (body.keys() == null || body.keys().isEmpty()) {
                c.fail("keys", "at least one named key (base64) is required");
            } else if (body.keys().size() > KeyMaterial.MAX_KEYS) {
                c.fail("keys", "at most " + KeyMaterial.MAX_KEYS + " keys");
            } else {
                for (var e : body.keys().entrySet()) {
                    String name = e.getKey();
                    if (name == null
                            || !Checks.ID.matcher(name).matches()
                            || name.length() > KeyMaterial.MAX_NAME_LENGTH) {
                        c.fail("keys", "key names are 1 to 64 of A-Z a-z 0-9 . _ : -");
                        continue;
                    }
                    byte[] value =
                            c.base64("keys." + name, e.getValue(), true, KeyMaterial.MAX_KEY_BYTES);
                    if (value != null) {
                        keys.put(name, value);
                    }
                }
            }
            c.throwIfAny();
        } catch (RuntimeException e) {
            keys.values().forEach(v -> Arrays.fill(v, (byte) 0));
            throw e;
        }
        return registry.register(
                new SessionRegistry.NewSession(
                        id,
                        handshakeId,
                        client,
                        server,
                        version,
                        suite,
                        serverSerial,
                        clientSerial,
                        body.createdAt(),
                        expiresAt,
                        resumedFrom,
                        method),
                KeyMaterial.adopt(keys));
    }

    /**
     * Checks a close as {@code DELETE /api/v1/sessions/{id}} does and closes the session; shared
     * with {@link SessionBatchResource}.
     */
    static SessionRegistry.Ending close(
            SessionRegistry registry, String id, String closedBy, String reason) {
        Checks c = new Checks();
        String by = closedBy == null ? "server" : closedBy.trim().toLowerCase(Locale.ROOT);
        if (!by.equals("client") && !by.equals("server") && !by.equals("operator")) {
            c.fail("closedBy", "client, server or operator");
        }
        String why = c.id("reason", reason, false);
        c.throwIfAny();
        return registry.close(id, by, why == null ? "close_notify" : why);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Metadata of a session (never its keys)")
    public SessionView get(@PathParam("id") String id) {
        return SessionView.of(registry.get(id));
    }

    @GET
    @ServiceOnly("list-sessions")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary = "Sessions ordered by id, filtered, one page at a time (service token)",
            description =
                    "The listing names every client and certificate, and session ids are what"
                            + " closes a session: it is for the services and the operator only.")
    public SessionPage list(
            @QueryParam("state") String state,
            @QueryParam("certificateSerial") String serial,
            @QueryParam("client") String client,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        Checks c = new Checks();
        SessionState s = null;
        if (state != null) {
            try {
                s = SessionState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                c.fail("state", "one of ACTIVE, CLOSED, EXPIRED, TERMINATED");
            }
        }
        c.serial("certificateSerial", serial, false);
        c.text("client", client, false);
        c.id("after", after, false);
        int n = 50;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
                if (n < 1 || n > MAX_PAGE) {
                    c.fail("limit", "1 to " + MAX_PAGE);
                }
            } catch (NumberFormatException e) {
                c.fail("limit", "1 to " + MAX_PAGE);
            }
        }
        c.throwIfAny();
        var page = registry.list(new SessionFilter(s, serial, client), after, n);
        return new SessionPage(page.items().stream().map(SessionView::of).toList(), page.next());
    }

    @GET
    @Path("/{id}/keys")
    @ServiceOnly("read-keys")
    @SecurityRequirement(name = "serviceToken")
    @Operation(summary = "Key material of an active session, base64 (service token)")
    public SessionKeys keys(@PathParam("id") String id) {
        Session session = registry.get(id);
        try (KeyMaterial keys = registry.keys(id)) {
            Map<String, String> encoded = new LinkedHashMap<>();
            Base64.Encoder b64 = Base64.getEncoder();
            keys.view().forEach((name, value) -> encoded.put(name, b64.encodeToString(value)));
            return new SessionKeys(id, session.protocolVersion(), session.cipherSuite(), encoded);
        }
    }

    @DELETE
    @Path("/{id}")
    @ServiceOnly("close-session")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary =
                    "Close a session: keys zeroised, tickets withdrawn; repeat closes are no-ops (service token)")
    public CloseResult close(
            @PathParam("id") String id,
            @QueryParam("closedBy") String closedBy,
            @QueryParam("reason") String reason) {
        var ending = close(registry, id, closedBy, reason);
        return new CloseResult(
                SessionView.of(ending.session()), ending.alreadyEnded(), ending.ticketsWithdrawn());
    }
}
