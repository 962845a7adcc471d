package io.tlsuite.dashboard.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.tlsuite.dashboard.domain.FeedEntry;
import java.time.OffsetDateTime;

/** An event as the REST API and the live stream show it; {@code data} is the event's JSON. */
public record EventView(
        long sequence,
        String id,
        String type,
        String topic,
        String source,
        String subject,
        OffsetDateTime time,
        @JsonRawValue String data) {

    static EventView of(FeedEntry e) {
        return new EventView(
                e.sequence(),
                e.id(),
                e.type(),
                e.topic(),
                e.source(),
                e.subject(),
                e.time(),
                e.dataJson());
    }
}
