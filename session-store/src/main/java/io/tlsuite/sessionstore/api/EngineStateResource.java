package io.tlsuite.sessionstore.api;

import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import io.tlsuite.sessionstore.domain.EngineStateStatus;
import io.tlsuite.sessionstore.domain.EngineStates;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Suspended TLS engines of in-flight handshakes and open REST sessions, so that any replica of the
 * handshake service can serve the next step. Service token only; versions travel as entity tags
 * ({@code ETag}, {@code If-Match}, {@code If-None-Match}), and every write must say which version
 * it builds on, so of two replicas advancing the same state from the same version one gets 412.
 */
@Path("/api/v1/engine-states/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "engine-states")
public class EngineStateResource {

    @Inject EngineStates states;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @ServiceOnly("write-engine-state")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary = "Store a suspended engine (service token)",
            description =
                    "If-None-Match: * creates version 1 (201); If-Match: \"<version>\" replaces that"
                            + " version (200). The answer's ETag is the new version. Neither header:"
                            + " 428. A stale version: 412 version-mismatch; ended or expired: 410.")
    @APIResponse(responseCode = "201", description = "created; ETag = version 1")
    @APIResponse(responseCode = "200", description = "replaced; ETag = the new version")
    @APIResponse(
            responseCode = "412",
            description = "exists already, or another version is current")
    @APIResponse(responseCode = "428", description = "neither If-Match nor If-None-Match")
    public Response put(
            @PathParam("id") String id,
            @Parameter(description = "\"<version>\" the write builds on")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(description = "* to create only") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
                    String ifNoneMatch,
            EngineStateDtos.Write body) {
        Checks c = new Checks();
        c.id("id", id, true);
        Checks.requireBody(body);
        EngineStateKind kind = EngineStateKind.parse(body.kind()).orElse(null);
        if (kind == null) {
            c.fail("kind", "handshake or session");
        }
        if (body.ttlSeconds() == null) {
            c.fail("ttlSeconds", "required: seconds to live from this write");
        }
        boolean create = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
        Long expected = create ? null : version("If-Match", ifMatch, c);
        if (!create && ifMatch == null) {
            c.throwIfAny();
            throw new EngineStatePreconditionRequired();
        }
        byte[] bytes = c.base64("snapshot", body.snapshot(), true, 1 << 20);
        try {
            c.throwIfAny();
            Duration ttl = Duration.ofSeconds(Math.max(0, Math.min(body.ttlSeconds(), 1L << 32)));
            EngineState s =
                    create
                            ? states.create(id, kind, bytes, ttl)
                            : states.replace(id, expected, kind, bytes, ttl);
            return Response.status(create ? 201 : 200)
                    .tag(tag(s))
                    .entity(EngineStateDtos.View.of(s))
                    .build();
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    @GET
    @ServiceOnly("read-engine-state")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary = "Read a suspended engine (service token)",
            description =
                    "200 with the snapshot and ETag; 304 when If-None-Match names the current version"
                            + " (the caller's copy is current); ended or expired: 410 with endReason.")
    @APIResponse(responseCode = "304", description = "the version in If-None-Match is current")
    public Response get(
            @PathParam("id") String id,
            @Parameter(description = "\"<version>\" the caller holds")
                    @HeaderParam(HttpHeaders.IF_NONE_MATCH)
                    String ifNoneMatch) {
        Checks c = new Checks();
        c.id("id", id, true);
        Long held = ifNoneMatch == null ? null : version("If-None-Match", ifNoneMatch, c);
        c.throwIfAny();
        if (held != null) {
            EngineState s = states.get(id);
            if (s.status() == EngineStateStatus.ACTIVE && s.version() == held) {
                return Response.notModified(tag(s)).build();
            }
        }
        EngineStates.Opened o = states.open(id);
        try {
            EngineState s = o.state();
            return Response.ok(
                            new EngineStateDtos.Snapshot(
                                    s.id(),
                                    s.kind().wireName(),
                                    s.version(),
                                    s.expiresAt(),
                                    s.sizeBytes(),
                                    Base64.getEncoder().encodeToString(o.bytes())))
                    .tag(tag(s))
                    .build();
        } finally {
            Arrays.fill(o.bytes(), (byte) 0);
        }
    }

    @DELETE
    @ServiceOnly("end-engine-state")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary = "End a state: its bytes are dropped; it stays known as ended (service token)",
            description =
                    "With If-Match only if that version is current (else 412). Ending an ended or"
                            + " expired state answers 200 with alreadyEnded=true.")
    public Response end(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "why, e.g. complete, failed:decode_error, closed:close_notify")
                    @QueryParam("reason")
                    String reason) {
        Checks c = new Checks();
        c.id("id", id, true);
        Long expected =
                ifMatch == null || ifMatch.trim().equals("*")
                        ? null
                        : version("If-Match", ifMatch, c);
        String why = reason == null ? "ended" : c.text("reason", reason, false);
        c.throwIfAny();
        EngineStates.Ending e = states.end(id, expected, why);
        return Response.ok(
                        new EngineStateDtos.Ending(
                                EngineStateDtos.View.of(e.state()), e.alreadyEnded()))
                .tag(tag(e.state()))
                .build();
    }

    private static EntityTag tag(EngineState s) {
        return new EntityTag(Long.toString(s.version()));
    }

    /** The version in an entity tag, {@code "12"} (quotes optional). */
    private static Long version(String header, String value, Checks c) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        c.fail(header, "an entity tag \"<version>\" as given in ETag");
        return null;
    }
}
