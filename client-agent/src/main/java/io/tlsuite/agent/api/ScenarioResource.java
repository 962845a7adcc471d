package io.tlsuite.agent.api;

import io.tlsuite.agent.domain.Scenario;
import io.tlsuite.agent.domain.ScenarioCatalog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The scenarios the agent can play, each with the outcome a correct client must see. */
@Path("/api/v1/scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioResource {
    @Inject ScenarioCatalog catalog;

    @GET
    @Operation(summary = "Every scenario: name, description, transports, expectation")
    public List<Scenario.View> list() {
        return catalog.all().stream().map(Scenario::view).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One scenario")
    public Scenario.View get(@PathParam("name") String name) {
        return catalog.find(name)
                .map(Scenario::view)
                .orElseThrow(
                        () ->
                                new AgentProblem(
                                        404,
                                        "unknown-scenario",
                                        "Unknown scenario",
                                        Shown.scenario(name)
                                                + "; GET /api/v1/scenarios lists them"));
    }
}
