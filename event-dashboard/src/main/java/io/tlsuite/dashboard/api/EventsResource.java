package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.dashboard.domain.EventFilter;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.live.LiveStream;
import io.tlsuite.dashboard.live.LiveSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = "events", description = "Every lifecycle event of the suite: list, live stream, export")
public class EventsResource {

    static final int MAX_LIMIT = 1000;
    static final int MAX_EXPORT = 100_000;

    private final EventIndex index;
    private final LiveStream stream;
    private final EventJson json;

    EventsResource(EventIndex index, LiveStream stream, EventJson json) {
        this.index = index;
        this.stream = stream;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A page of events that match, oldest first",
            description =
                    "Without before/after: the newest matching events. With before=N: the page"
                            + " before sequence N (older); with after=N: the page after it"
                            + " (newer). The Link header names the next older page when there"
                            + " is one.")
    @APIResponse(
            responseCode = "200",
            description = "the events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "a filter or paging parameter is invalid")
    public Response list(
            @BeanParam EventQuery query,
            @Parameter(description = "at most this many (1-1000)")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    int limit,
            @Parameter(description = "only events with a sequence below this") @QueryParam("before")
                    Long before,
            @Parameter(description = "only events with a sequence above this") @QueryParam("after")
                    Long after,
            @Context UriInfo uri) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (before != null && after != null) {
            throw new BadQueryException("give before or after, not both");
        }
        EventIndex.Page page = index.events(query.toFilter(), limit, before, after);
        List<EventView> body = page.events().stream().map(EventView::of).toList();
        Response.ResponseBuilder r = Response.ok(body).header("X-More", page.more());
        if (page.more() && after == null && !body.isEmpty()) {
            r.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("before", body.get(0).sequence())
                            .build(),
                    "next");
        }
        return r.build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "Live stream of the events that match, as server-sent events",
            description =
                    "Each event is an SSE message (id = its sequence, data = the event as JSON)."
                            + " With after=N or a Last-Event-ID header, the kept events after N"
                            + " come first, so a page that reconnects or resumes loses nothing."
                            + " A viewer that reads too slowly for its bounded queue gets an SSE"
                            + " event named 'dropped' with the count it missed, instead of an"
                            + " ever-growing buffer. The number of viewers is capped (503), and"
                            + " so is the number one client address may hold (429).")
    @APIResponse(responseCode = "200", description = "the stream")
    @APIResponse(responseCode = "400", description = "a filter is invalid")
    @APIResponse(
            responseCode = "429",
            description = "this address already holds its share of live viewers")
    @APIResponse(responseCode = "503", description = "too many live viewers; retry later")
    public void stream(
            @BeanParam EventQuery query,
            @Parameter(description = "replay the kept events after this sequence first")
                    @QueryParam("after")
                    Long after,
            @Parameter(description = "set by EventSource when it reconnects")
                    @HeaderParam("Last-Event-ID")
                    String lastEventId,
            @Context SseEventSink sink,
            @Context HttpServerRequest http) {
        EventFilter filter = query.toFilter();
        Long resume = after;
        if (resume == null && lastEventId != null) {
            try {
                resume = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new BadQueryException("Last-Event-ID must be a sequence number");
            }
        }
        stream.subscribe(
                filter.predicate(index),
                new SseSink(sink, http.response(), json),
                resume,
                new LiveStream.History() {
                    @Override
                    public List<DashboardEvent> after(long sequence, int limit) {
                        return index.events(filter, limit, null, sequence).events();
                    }

                    @Override
                    public long lastSequence() {
                        return index.total();
                    }
                },
                clientAddress(http));
    }

    private static String clientAddress(HttpServerRequest http) {
        try {
            return http.remoteAddress().hostAddress();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(
            summary = "The kept events that match, as NDJSON or CSV, oldest first",
            description = "format=ndjson (one event per line) or format=csv (RFC 4180).")
    @APIResponse(responseCode = "200", description = "the file")
    @APIResponse(responseCode = "400", description = "a filter or the format is invalid")
    public Response export(
            @BeanParam EventQuery query,
            @Parameter(description = "ndjson (default) or csv")
                    @QueryParam("format")
                    @DefaultValue("ndjson")
                    String format,
            @Parameter(description = "at most this many, the newest (1-100000)")
                    @QueryParam("limit")
                    @DefaultValue("100000")
                    int limit) {
        boolean csv = "csv".equalsIgnoreCase(format);
        if (!csv && !"ndjson".equalsIgnoreCase(format)) {
            throw new BadQueryException("format must be ndjson or csv, was " + format);
        }
        if (limit < 1 || limit > MAX_EXPORT) {
            throw new BadQueryException("limit must be between 1 and " + MAX_EXPORT);
        }
        List<DashboardEvent> events = index.events(query.toFilter(), limit, null, null).events();
        StreamingOutput body =
                out -> {
                    if (csv) {
                        Writer w =
                                new BufferedWriter(
                                        new OutputStreamWriter(out, StandardCharsets.UTF_8),
                                        1 << 16);
                        CsvExport.write(events, w);
                        w.flush();
                    } else {
                        OutputStream o = new BufferedOutputStream(out, 1 << 16);
                        for (DashboardEvent e : events) {
                            o.write(json.of(e));
                            o.write('\n');
                        }
                        o.flush();
                    }
                };
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"tlsuite-events." + (csv ? "csv" : "ndjson") + "\"")
                .build();
    }

    /**
     * Writes a subscriber's batches to its SSE connection: the SSE frames of a whole batch in one
     * buffer and one write to the connection (text/event-stream, W3C HTML §9.2), each event's JSON
     * as cached. Going through the JAX-RS {@link SseEventSink} per event cost about half of what
     * the dashboard allocated at 3 300 events/s (the JSON copied to a String, a byte stream, a
     * StringBuilder and back to bytes, then one write and flush per event), and the young-
     * generation collections that came with it were the live stream's latency tail. The sink still
     * holds the request open and closes it; headers are the ones it would set.
     */
    private static final class SseSink implements LiveSubscriber.Sink {
        private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "\ndata:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

        private final SseEventSink sink;
        private final HttpServerResponse response;
        private final EventJson json;

        SseSink(SseEventSink sink, HttpServerResponse response, EventJson json) {
            this.sink = sink;
            this.response = response;
            this.json = json;
        }

        @Override
        public CompletionStage<?> send(long dropped, List<DashboardEvent> events) {
            if (sink.isClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            Buffer frames = Buffer.buffer(events.size() * 1024 + 64);
            if (dropped > 0) {
                frames.appendString("event:dropped\ndata:{\"dropped\":" + dropped + "}\n\n");
            }
            for (DashboardEvent e : events) {
                frames.appendBytes(ID)
                        .appendString(Long.toString(e.sequence()))
                        .appendBytes(DATA)
                        .appendBytes(json.of(e))
                        .appendBytes(END);
            }
            return write(frames);
        }

        @Override
        public CompletionStage<?> heartbeat() {
            if (sink.isClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            return write(Buffer.buffer("event:heartbeat\ndata:{}\n\n"));
        }

        private CompletionStage<?> write(Buffer frames) {
            synchronized (response) {
                if (!response.headWritten()) {
                    response.setStatusCode(200)
                            .setChunked(true)
                            .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS);
                }
                return response.write(frames).toCompletionStage();
            }
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
