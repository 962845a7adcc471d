package io.tlsuite.dashboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsuite.dashboard.domain.DashboardEvent;
import java.time.Instant;

/**
 * An event as the REST API, the live stream and the NDJSON export show it.
 *
 * @param sequence this dashboard's number for the event, increasing; use it to page and to resume
 *     the stream
 * @param data the event's data, exactly as published
 */
public record EventView(
        long sequence,
        String id,
        String type,
        String topic,
        int partition,
        long offset,
        String source,
        String subject,
        Instant time,
        JsonNode data) {

    static EventView of(DashboardEvent e) {
        return new EventView(
                e.sequence(),
                e.id(),
                e.type(),
                e.topic(),
                e.partition(),
                e.offset(),
                e.source(),
                e.subject(),
                e.time(),
                e.data());
    }
}
