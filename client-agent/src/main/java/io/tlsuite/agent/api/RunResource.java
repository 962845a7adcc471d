package io.tlsuite.agent.api;

import io.tlsuite.agent.config.AgentConfig;
import io.tlsuite.agent.domain.Scenario;
import io.tlsuite.agent.domain.ScenarioCatalog;
import io.tlsuite.agent.domain.Target;
import io.tlsuite.agent.runs.Run;
import io.tlsuite.agent.runs.RunRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Runs: start one, watch it, list them, cancel one. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    @Inject ScenarioCatalog catalog;
    @Inject RunRegistry runs;
    @Inject AgentConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run; 202 with its id and Location")
    @APIResponse(responseCode = "202", description = "started")
    @APIResponse(
            responseCode = "400",
            description = "invalid-run-request: bad count, concurrency, transport or target")
    @APIResponse(responseCode = "404", description = "unknown-scenario")
    @APIResponse(
            responseCode = "503",
            description = "trust-store-unavailable: the CA root is not loaded yet")
    public Response start(RunRequest request) {
        if (request == null) {
            throw AgentProblem.invalid("a JSON body with at least a scenario is required");
        }
        if (request.scenario() == null || request.scenario().isBlank()) {
            throw AgentProblem.invalid("scenario is required; GET /api/v1/scenarios lists them");
        }
        Scenario scenario =
                catalog.find(request.scenario().trim())
                        .orElseThrow(
                                () ->
                                        new AgentProblem(
                                                404,
                                                "unknown-scenario",
                                                "Unknown scenario",
                                                Shown.scenario(request.scenario())
                                                        + "; GET /api/v1/scenarios lists them"));
        String transport =
                request.transport() == null
                        ? ScenarioCatalog.TCP
                        : request.transport().trim().toLowerCase();
        if (!transport.equals(ScenarioCatalog.TCP) && !transport.equals(ScenarioCatalog.REST)) {
            throw AgentProblem.invalid("transport must be tcp or rest, not " + request.transport());
        }
        if (!scenario.supports(transport)) {
            throw AgentProblem.invalid(
                    "scenario "
                            + scenario.name()
                            + " runs over "
                            + scenario.transports()
                            + " only");
        }
        Integer duration = request.durationSeconds();
        if (duration != null && (duration < 1 || duration > config.maxDuration().toSeconds())) {
            throw AgentProblem.invalid(
                    "durationSeconds must be between 1 and " + config.maxDuration().toSeconds());
        }
        int count =
                request.count() != null
                        ? request.count()
                        : duration != null ? config.maxCount() : 1;
        if (count < 1 || count > config.maxCount()) {
            throw AgentProblem.invalid(
                    "count must be between 1 and " + config.maxCount() + ", not " + count);
        }
        int concurrency = request.concurrency() == null ? 1 : request.concurrency();
        if (concurrency < 1 || concurrency > config.maxConcurrency()) {
            throw AgentProblem.invalid(
                    "concurrency must be between 1 and "
                            + config.maxConcurrency()
                            + ", not "
                            + concurrency);
        }
        concurrency = Math.min(concurrency, count);
        String targetText =
                request.target() == null || request.target().isBlank()
                        ? (transport.equals(ScenarioCatalog.REST)
                                ? config.restTarget()
                                : config.tcpTarget())
                        : request.target();
        Target target;
        try {
            target = Target.parse(transport, targetText);
        } catch (IllegalArgumentException e) {
            throw AgentProblem.invalid(e.getMessage());
        }
        if (target.resumeOn() != null && scenario.mode() != Scenario.Mode.RESUMPTION) {
            throw AgentProblem.invalid(
                    "two endpoints (replicas) are for the resumption scenario only: it resumes on"
                            + " the second the session made with the first");
        }
        Run run;
        try {
            run = runs.start(scenario, target, count, concurrency, duration);
        } catch (IllegalStateException e) {
            throw new AgentProblem(
                    503, "trust-store-unavailable", "Trust store not loaded", e.getMessage());
        }
        return Response.accepted(Map.of("id", run.id(), "state", run.state()))
                .location(URI.create("/api/v1/runs/" + run.id()))
                .build();
    }

    @GET
    @Operation(summary = "Every run kept, newest first")
    public List<Map<String, Object>> list() {
        return runs.list().stream().map(r -> r.view(false)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary =
                    "A run: state, counters, failures by cause, rate, latency per phase, a sample result")
    public Map<String, Object> get(@PathParam("id") String id) {
        return find(id).view(true);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a run (plays in flight finish)")
    public Map<String, Object> cancel(@PathParam("id") String id) {
        Run run = find(id);
        runs.cancel(run);
        return run.view(false);
    }

    private Run find(String id) {
        return runs.find(id)
                .orElseThrow(
                        () -> new AgentProblem(404, "unknown-run", "Unknown run", "no such run"));
    }
}
