package io.tlsuite.dashboard.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.events.EventCatalog;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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

    static Instant time(String text) {
        if (text == null) {
            return Instant.now();
        }
        Instant utc = utc(text);
        if (utc != null) {
            return utc;
        }
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /**
     * The common form of an event's time, UTC as the services write it ({@code
     * 2026-12-02T16:28:01.123456Z}: RFC 3339 §5.6 with a {@code Z} and 0 to 9 fraction digits),
     * read without the general formatter, which allocated about 1.5 KB per event; null for any
     * other form, which the formatter then reads.
     */
    private static Instant utc(String t) {
        int n = t.length();
        if (n < 20
                || n > 30
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || (t.charAt(n - 1) != 'Z' && t.charAt(n - 1) != 'z')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0) {
            return null;
        }
        if (minute > 59 || second < 0 || second > 59) {
            return null; // a leap second (60) is the formatter's to read
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(t, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        } else if (t.charAt(19) != 'Z' && t.charAt(19) != 'z') {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(
                    days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // no such day (31 April): the formatter says so
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String text(ObjectNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || !n.isTextual() ? null : n.textValue();
    }
}
