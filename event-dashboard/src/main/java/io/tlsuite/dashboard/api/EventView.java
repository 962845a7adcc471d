package io.tlsuite.dashboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsuite.dashboard.domain.DashboardEvent;
import java.time.Instant;

/**
 * An event as the REST API, the live stream and the NDJSON export show it.
 *
 * @param sequence this dashboard's number for the event, increasing; use it to page and to resume
 *     the stream
 * @param time when the fact happened (the CloudEvents time)
 * @param recordedAt the Kafka record's timestamp (the producer's send time, or the broker's append
 *     time where the topic keeps that), or null
 * @param receivedAt when this dashboard read the event from Kafka
 * @param data the event's data, exactly as published (in {@link #of}, its kept JSON text, written
 *     as it is)
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
        Instant recordedAt,
        Instant receivedAt,
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
                e.recordedAt(),
                e.receivedAt(),
                e.dataForWriting());
    }
}
