package io.tlsuite.dashboard.api;

import io.smallrye.mutiny.Multi;
import io.tlsuite.dashboard.domain.EventFeed;
import io.tlsuite.dashboard.domain.FeedEntry;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    static final int MAX_LIMIT = 1000;

    private final EventFeed feed;

    EventsResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/events")
    @Operation(summary = "Recent lifecycle events, oldest first, optionally filtered")
    public List<EventView> recent(
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    int limit,
            @Parameter(description = "only this topic, e.g. tls.handshakes") @QueryParam("topic")
                    String topic,
            @Parameter(
                            description =
                                    "only this aggregate id (serial, handshake, session or run id)")
                    @QueryParam("subject")
                    String subject,
            @Parameter(description = "only types starting with this, e.g. tls.session.")
                    @QueryParam("type")
                    String type) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return feed.recent(limit, filter(topic, subject, type)).stream()
                .map(EventView::of)
                .toList();
    }

    @GET
    @Path("/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream (server-sent events) of lifecycle events as they arrive")
    public Multi<EventView> stream(
            @QueryParam("topic") String topic,
            @QueryParam("subject") String subject,
            @QueryParam("type") String type) {
        Predicate<FeedEntry> filter = filter(topic, subject, type);
        return Multi.createFrom()
                .<FeedEntry>emitter(
                        emitter -> {
                            Runnable unsubscribe =
                                    feed.subscribe(
                                            e -> {
                                                if (filter.test(e)) {
                                                    emitter.emit(e);
                                                }
                                            });
                            emitter.onTermination(unsubscribe);
                        })
                .map(EventView::of);
    }

    @GET
    @Path("/stats")
    @Operation(summary = "How many events of each type this dashboard has seen")
    public Map<String, Object> stats() {
        return Map.of("total", feed.total(), "byType", feed.countsByType());
    }

    private static Predicate<FeedEntry> filter(String topic, String subject, String type) {
        return e ->
                (topic == null || topic.equals(e.topic()))
                        && (subject == null || subject.equals(e.subject()))
                        && (type == null || e.type().startsWith(type));
    }
}
