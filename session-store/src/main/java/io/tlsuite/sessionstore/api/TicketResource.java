package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.api.Dtos.SessionView;
import io.tlsuite.sessionstore.api.Dtos.TicketLookup;
import io.tlsuite.sessionstore.api.Dtos.TicketRequest;
import io.tlsuite.sessionstore.api.Dtos.TicketResolution;
import io.tlsuite.sessionstore.api.Dtos.TicketView;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import io.tlsuite.sessionstore.domain.Ticket;
import io.tlsuite.sessionstore.domain.TicketKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Resumption tickets: store (service token), resolve once (service token), read metadata. */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
public class TicketResource {

    /** RFC 8446 §4.2.11: a PSK identity is at most 2^16-1 bytes; tickets here are far smaller. */
    static final int MAX_IDENTITY_BYTES = 4096;

    static final int MAX_SECRET_BYTES = 512;

    @Inject SessionRegistry registry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ServiceOnly("store-ticket")
    @SecurityRequirement(name = "serviceToken")
    @Operation(summary = "Store a resumption ticket of an active session (service token)")
    public Response store(TicketRequest body, @Context UriInfo uri) {
        Checks.requireBody(body);
        Checks c = new Checks();
        String sessionId = c.id("sessionId", body.sessionId(), true);
        TicketKind kind = TicketKind.parse(body.kind()).orElse(null);
        if (kind == null) {
            c.fail("kind", "psk, ticket or session-id");
        }
        byte[] identity = c.base64("identity", body.identity(), true, MAX_IDENTITY_BYTES);
        byte[] secret = c.base64("secret", body.secret(), false, MAX_SECRET_BYTES);
        if (body.lifetimeSeconds() != null && body.lifetimeSeconds() <= 0) {
            c.fail("lifetimeSeconds", "must be positive");
        }
        if (body.maxUses() != null && (body.maxUses() < 1 || body.maxUses() > 1000)) {
            c.fail("maxUses", "1 to 1000");
        }
        if (!c.ok()) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
            c.throwIfAny();
        }
        Ticket ticket =
                registry.storeTicket(
                        new SessionRegistry.NewTicket(
                                sessionId,
                                kind,
                                body.lifetimeSeconds() == null
                                        ? null
                                        : Duration.ofSeconds(
                                                Math.min(
                                                        body.lifetimeSeconds(), 10L * 365 * 86400)),
                                body.maxUses() == null ? 1 : body.maxUses()),
                        identity,
                        secret == null ? new byte[0] : secret);
        return Response.created(uri.getAbsolutePathBuilder().path(ticket.id()).build())
                .entity(TicketView.of(ticket))
                .build();
    }

    @POST
    @Path("/lookup")
    @ServiceOnly("lookup-ticket")
    @SecurityRequirement(name = "serviceToken")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve the ticket a client presented, spending one use (service token)")
    public TicketResolution lookup(TicketLookup body) {
        Checks.requireBody(body);
        Checks c = new Checks();
        byte[] identity = c.base64("identity", body.identity(), true, MAX_IDENTITY_BYTES);
        c.throwIfAny();
        SessionRegistry.Redeemed r = registry.redeem(identity);
        byte[] secret = r.secret();
        try {
            return new TicketResolution(
                    TicketView.of(r.ticket()),
                    r.session() == null ? null : SessionView.of(r.session()),
                    Base64.getEncoder().encodeToString(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @GET
    @Path("/{ticketId}")
    @Operation(summary = "Metadata of a ticket (never its secret)")
    public TicketView get(@PathParam("ticketId") String ticketId) {
        return TicketView.of(registry.ticket(ticketId));
    }
}
