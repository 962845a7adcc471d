package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.domain.AgentRunView;
import io.tlsuite.dashboard.domain.Anomaly;
import io.tlsuite.dashboard.domain.CertificateView;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.domain.HandshakeSummary;
import io.tlsuite.dashboard.domain.Ladder;
import io.tlsuite.dashboard.domain.SessionView;
import io.tlsuite.service.problem.SafeText;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Handshakes (as ladders), sessions, certificates and client-agent runs, as the views show them.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleResource {

    private static final Set<String> SESSION_STATES =
            Set.of("live", "closed", "expired", "terminated");
    private static final Set<String> CERTIFICATE_STATES =
            Set.of("issued", "expiring-soon", "expired", "revoked");

    private final EventIndex index;

    LifecycleResource(EventIndex index) {
        this.index = index;
    }

    @GET
    @Path("/handshakes")
    @Tag(name = "handshakes")
    @Operation(summary = "Recent handshakes, newest first")
    @APIResponse(responseCode = "200", description = "the handshakes")
    @APIResponse(responseCode = "400", description = "a parameter is invalid")
    public List<HandshakeSummary> handshakes(
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    int limit,
            @Parameter(description = "in-progress, ok or failed") @QueryParam("result")
                    String result,
            @Parameter(description = "e.g. TLS 1.2") @QueryParam("version") String version,
            @Parameter(description = "the server certificate's serial") @QueryParam("serial")
                    String serial) {
        return index.handshakes(
                limit(limit),
                EventQuery.blankToNull(result),
                EventQuery.blankToNull(version),
                EventQuery.blankToNull(serial));
    }

    @GET
    @Path("/handshakes/{id}")
    @Tag(name = "handshakes")
    @Operation(
            summary = "One handshake as a ladder diagram",
            description =
                    "Lanes client, handshake-service, CA, session-store; one arrow per message or"
                            + " step in order, with timestamps, deltas, alerts, the decoded"
                            + " fields and the raw bytes where the event carries them; then the"
                            + " session's life: data, resumption, close, expiry or revocation,"
                            + " keys destroyed.")
    @APIResponse(responseCode = "200", description = "the ladder")
    @APIResponse(responseCode = "404", description = "no such handshake is kept")
    public Ladder handshake(@PathParam("id") String id) {
        return index.ladder(id)
                .orElseThrow(
                        () ->
                                new NotFoundProblem(
                                        "no handshake "
                                                + SafeText.id(id, "with that id")
                                                + " is kept here"));
    }

    @GET
    @Path("/sessions")
    @Tag(name = "sessions")
    @Operation(
            summary =
                    "Sessions, newest first: live, closed, expired or terminated; keys destroyed or not")
    @APIResponse(responseCode = "200", description = "the sessions and how many are in each state")
    @APIResponse(responseCode = "400", description = "a parameter is invalid")
    public SessionList sessions(
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("200")
                    int limit,
            @Parameter(description = "live, closed, expired or terminated") @QueryParam("state")
                    String state,
            @Parameter(description = "made with this server certificate") @QueryParam("serial")
                    String serial) {
        String s = EventQuery.blankToNull(state);
        if (s != null && !SESSION_STATES.contains(s)) {
            throw new BadQueryException("state must be one of " + SESSION_STATES + ", was " + s);
        }
        return new SessionList(
                index.sessionStates(),
                index.sessions(limit(limit), s, EventQuery.blankToNull(serial)));
    }

    /**
     * @param states how many kept sessions are in each state
     */
    public record SessionList(Map<String, Long> states, List<SessionView> sessions) {}

    @GET
    @Path("/sessions/{id}")
    @Tag(name = "sessions")
    @Operation(
            summary = "Follow one session across its life",
            description =
                    "The session, and the ladder of the handshake that made it, continued"
                            + " with its data, resumptions, close, expiry or termination and the"
                            + " destruction of its keys.")
    @APIResponse(responseCode = "200", description = "the session and its ladder")
    @APIResponse(responseCode = "404", description = "no such session is kept")
    public SessionLife session(@PathParam("id") String id) {
        SessionView s =
                index.session(id)
                        .orElseThrow(
                                () ->
                                        new NotFoundProblem(
                                                "no session "
                                                        + SafeText.id(id, "with that id")
                                                        + " is kept here"));
        Ladder ladder = s.handshakeId() == null ? null : index.ladder(s.handshakeId()).orElse(null);
        return new SessionLife(s, ladder);
    }

    /**
     * @param ladder null when the handshake's events are not kept (or were never seen)
     */
    public record SessionLife(SessionView session, Ladder ladder) {}

    @GET
    @Path("/certificates")
    @Tag(name = "certificates")
    @Operation(
            summary =
                    "The certificate inventory: issued, expiring soon, expired, revoked; the sessions made with each")
    @APIResponse(responseCode = "200", description = "the certificates")
    @APIResponse(responseCode = "400", description = "a parameter is invalid")
    public List<CertificateView> certificates(
            @Parameter(description = "issued, expiring-soon, expired or revoked")
                    @QueryParam("state")
                    String state) {
        String s = EventQuery.blankToNull(state);
        if (s != null && !CERTIFICATE_STATES.contains(s)) {
            throw new BadQueryException(
                    "state must be one of " + CERTIFICATE_STATES + ", was " + s);
        }
        return index.certificates(s, Instant.now());
    }

    @GET
    @Path("/certificates/{serial}")
    @Tag(name = "certificates")
    @Operation(summary = "One certificate, with the sessions made with it")
    @APIResponse(responseCode = "200", description = "the certificate")
    @APIResponse(responseCode = "404", description = "no such certificate is kept")
    public CertificateView certificate(@PathParam("serial") String serial) {
        return index.certificate(serial, Instant.now())
                .orElseThrow(
                        () ->
                                new NotFoundProblem(
                                        "no certificate "
                                                + SafeText.id(serial, "with that serial")
                                                + " is kept here"));
    }

    @GET
    @Path("/anomalies")
    @Tag(name = "stats")
    @Operation(
            summary = "What deserves a look, newest first",
            description =
                    "Failed handshakes, downgrade attempts, resumption misses, revoked,"
                            + " expired or invalid certificates, terminated sessions, refused key access."
                            + " Each names the handshake, session or serial that filters the other views.")
    @APIResponse(responseCode = "200", description = "the anomalies and their counts by kind")
    public AnomalyList anomalies(
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    int limit,
            @Parameter(description = "only this kind") @QueryParam("kind") String kind) {
        return new AnomalyList(
                index.anomalyCounts(), index.anomalies(limit(limit), EventQuery.blankToNull(kind)));
    }

    public record AnomalyList(Map<String, Long> counts, List<Anomaly> anomalies) {}

    @GET
    @Path("/agents/runs")
    @Tag(name = "agents")
    @Operation(
            summary = "Client-agent runs, newest first: progress, rate, latency, failures by cause")
    @APIResponse(responseCode = "200", description = "the runs")
    public List<AgentRunView> runs(
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("50")
                    int limit) {
        return index.runs(limit(limit));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > EventsResource.MAX_LIMIT) {
            throw new BadQueryException(
                    "limit must be between 1 and " + EventsResource.MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }
}
