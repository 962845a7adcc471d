package io.tlsuite.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A typed view of a CloudEvents 1.0 envelope around one {@link LifecycleEvent}.
 *
 * @param id unique event id
 * @param source the emitting service instance, e.g. {@code /tlsuite/handshake-service/host-1}
 * @param type the CloudEvents type, e.g. {@code tls.session.closed}
 * @param subject the aggregate id (same as the Kafka key)
 * @param time when the fact happened
 * @param schemaVersion version of the data schema of this type
 * @param data the event itself
 */
public record EventEnvelope(
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        int schemaVersion,
        LifecycleEvent data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    public String topic() {
        return data.topic();
    }
}
