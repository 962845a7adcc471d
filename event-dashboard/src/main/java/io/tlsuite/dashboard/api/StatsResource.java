package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.domain.Rates;
import io.tlsuite.dashboard.live.LiveStream;
import io.tlsuite.dashboard.live.LiveSubscriber;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class StatsResource {

    private final EventIndex index;
    private final LiveStream stream;

    StatsResource(EventIndex index, LiveStream stream) {
        this.index = index;
        this.stream = stream;
    }

    /**
     * @param total events this dashboard has taken since it started
     * @param malformed records on the topics that were not suite events (skipped)
     * @param lag records behind the end of each topic-partition, as last sampled
     * @param rates per-second series over the window
     * @param sizes how full each bounded view is
     * @param viewers the live stream's viewers, their queues and what each missed
     */
    public record Stats(
            long total,
            long malformed,
            Map<String, Long> byType,
            Map<String, Long> byTopic,
            Map<String, Long> lag,
            Rates rates,
            Map<String, Long> sessions,
            Map<String, Long> anomalies,
            Map<String, Integer> sizes,
            int maxViewers,
            int viewerBuffer,
            List<LiveSubscriber.SubscriberStatus> viewers) {}

    @GET
    @Operation(
            summary = "Rates and totals",
            description =
                    "Handshakes per second, failures by alert, p50/p95 handshake time,"
                            + " event rate per topic and consumer lag per topic, each per second over"
                            + " the window; lag per topic-partition now; the live viewers.")
    @APIResponse(responseCode = "200", description = "the statistics")
    @APIResponse(responseCode = "400", description = "the window is out of range")
    public Stats stats(
            @Parameter(description = "seconds of history in the series (1-600)")
                    @QueryParam("window")
                    @DefaultValue("120")
                    int window) {
        if (window < 1 || window > 600) {
            throw new BadQueryException("window must be between 1 and 600 seconds, was " + window);
        }
        return new Stats(
                index.total(),
                index.malformedCount(),
                index.countsByType(),
                index.countsByTopic(),
                index.lagByPartition(),
                index.rates(window, Instant.now()),
                index.sessionStates(),
                index.anomalyCounts(),
                index.sizes(),
                stream.maxSubscribers(),
                stream.buffer(),
                stream.status());
    }
}
