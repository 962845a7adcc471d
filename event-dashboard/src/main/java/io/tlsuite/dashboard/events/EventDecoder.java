package io.tlsuite.dashboard.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.events.EventCatalog;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a structured-mode CloudEvent (CloudEvents 1.0 JSON format, §3) straight into a JSON tree.
 * The dashboard only shows the data, so it parses it once and keeps the tree; it neither binds the
 * data to the event's record type nor writes it back to text, which is where the typed codec spends
 * most of its time. An event of a type the suite does not know, or without an object as data, is
 * rejected like the typed codec would.
 */
public final class EventDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Why a record is not a suite event. */
    public static final class NotAnEvent extends Exception {
        NotAnEvent(String message) {
            super(message, null, false, false);
        }
    }

    public DashboardEvent decode(String topic, int partition, long offset, byte[] value)
            throws NotAnEvent {
        if (value == null || value.length == 0) {
            throw new NotAnEvent("empty record");
        }
        JsonNode root;
        try (JsonParser p = MAPPER.createParser(value)) {
            root = MAPPER.readTree(p);
        } catch (IOException e) {
            throw new NotAnEvent("not JSON");
        }
        if (!(root instanceof ObjectNode envelope)) {
            throw new NotAnEvent("not a JSON object");
        }
        String type = text(envelope, "type");
        if (type == null || EventCatalog.classOf(type).isEmpty()) {
            throw new NotAnEvent("not an event type of the suite: " + type);
        }
        String id = text(envelope, "id");
        String source = text(envelope, "source");
        if (id == null || source == null || !"1.0".equals(text(envelope, "specversion"))) {
            throw new NotAnEvent("not a CloudEvents 1.0 envelope");
        }
        if (!(envelope.get("data") instanceof ObjectNode data)) {
            throw new NotAnEvent("event " + id + " has no data object");
        }
        String subject = text(envelope, "subject");
        return new DashboardEvent(
                id,
                type,
                topic,
                partition,
                offset,
                source,
                subject != null ? subject : "",
                time(text(envelope, "time")),
                data);
    }

    private static Instant time(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || !n.isTextual() ? null : n.textValue();
    }
}
