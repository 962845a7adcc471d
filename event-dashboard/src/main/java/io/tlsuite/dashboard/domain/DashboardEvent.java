package io.tlsuite.dashboard.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One event as the dashboard keeps it: the CloudEvents attributes, where it came from (topic,
 * partition, offset), the few fields every view filters on, pulled out once when the event arrives
 * so that filtering never reads the data, and the data itself as compact UTF-8 JSON.
 *
 * <p>The data arrives as a JSON tree, which the index reads while it files the event; after that
 * ({@link #indexed()}) only the JSON text is kept, and {@link #data()} parses it again for the few
 * views that want a tree (a ladder, one page of the list). A tree of a dozen fields took several
 * times the heap of its text, and the index keeps tens of thousands of events: the old generation
 * filled up and its full collections were the live stream's latency tail. Once the event's whole
 * JSON is cached for the live stream ({@link #cachedJson}), the data is read from inside it, so the
 * text is held once.
 */
public final class DashboardEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Attribute values that recur (types, sources, versions, suites), held once; bounded. */
    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();

    private static final int CANONICAL_LIMIT = 4096;

    private long sequence;
    private final String id;
    private final String type;
    private final String topic;
    private final int partition;
    private final long offset;
    private final String source;
    private final String subject;
    private final Instant time;

    /** The data as a tree, until the index has filed the event (or on a {@link #expanded} copy). */
    private ObjectNode data;

    /** The data as compact UTF-8 JSON, until the event's JSON is cached; then null. */
    private volatile byte[] dataJson;

    /** Where the data starts inside {@link #json}; set before {@code json} is. */
    private int dataFrom;

    private final String handshakeId;
    private final String sessionId;
    private final String serial;
    private final String version;
    private final String suite;
    private final String alert;
    private final String result;
    private volatile byte[] json;
    private Instant recordedAt;
    private Instant receivedAt;

    public DashboardEvent(
            String id,
            String type,
            String topic,
            int partition,
            long offset,
            String source,
            String subject,
            Instant time,
            ObjectNode data) {
        this.id = id;
        this.type = canonical(type);
        this.topic = canonical(topic);
        this.partition = partition;
        this.offset = offset;
        this.source = canonical(source);
        this.subject = subject;
        this.time = time;
        this.data = data;
        this.dataJson = write(data);
        this.handshakeId = type.startsWith("tls.handshake.") ? subject : text(data, "handshakeId");
        this.sessionId = text(data, "sessionId");
        this.serial =
                canonical(
                        firstText(data, "serial", "serverCertificateSerial", "certificateSerial"));
        String v = text(data, "version");
        this.version = canonical(v != null ? v : text(data, "legacyVersion"));
        this.suite = canonical(text(data, "cipherSuite"));
        this.alert = canonical(text(data, "alert"));
        this.result = canonical(resultOf(type, data));
    }

    /** A copy that holds the data as a tree, for a reader that asks for many of its fields. */
    private DashboardEvent(DashboardEvent e, ObjectNode data) {
        this.sequence = e.sequence;
        this.id = e.id;
        this.type = e.type;
        this.topic = e.topic;
        this.partition = e.partition;
        this.offset = e.offset;
        this.source = e.source;
        this.subject = e.subject;
        this.time = e.time;
        this.data = data;
        this.handshakeId = e.handshakeId;
        this.sessionId = e.sessionId;
        this.serial = e.serial;
        this.version = e.version;
        this.suite = e.suite;
        this.alert = e.alert;
        this.result = e.result;
        this.recordedAt = e.recordedAt;
        this.receivedAt = e.receivedAt;
        Slice d = e.dataSlice();
        this.dataJson = d.from == 0 && d.to == d.bytes.length ? d.bytes : d.copy();
    }

    private static String canonical(String s) {
        if (s == null || s.length() > 128) {
            return s;
        }
        String c = CANONICAL.get(s);
        if (c != null) {
            return c;
        }
        if (CANONICAL.size() >= CANONICAL_LIMIT) {
            return s;
        }
        c = CANONICAL.putIfAbsent(s, s);
        return c != null ? c : s;
    }

    private static byte[] write(ObjectNode data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resultOf(String type, ObjectNode data) {
        switch (type) {
            case "tls.handshake.completed":
                return "ok";
            case "tls.handshake.failed":
                return "failed";
            case "tls.session.keys-access-denied":
                return "denied";
            case "tls.agent.run-completed":
                return text(data, "outcome");
            default:
                JsonNode valid = data.get("valid");
                if (valid != null && valid.isBoolean()) {
                    return valid.booleanValue() ? "ok" : "failed";
                }
                return null;
        }
    }

    static String text(JsonNode data, String field) {
        JsonNode n = data.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String firstText(JsonNode data, String... fields) {
        for (String f : fields) {
            String t = text(data, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Set once by the index when the event is appended: its place in this dashboard's feed. */
    void sequence(long sequence) {
        this.sequence = sequence;
    }

    /**
     * When the broker took the record (its Kafka timestamp: the producer's clock, or the broker's
     * where the topic keeps log-append time; null if it has none) and when this dashboard read it:
     * with {@link #time()}, where an event spent its way here. Set once, before it is indexed.
     */
    public void arrived(Instant recordedAt, Instant receivedAt) {
        this.recordedAt = recordedAt;
        this.receivedAt = receivedAt;
    }

    /** The record's Kafka timestamp, or null. */
    public Instant recordedAt() {
        return recordedAt;
    }

    /** When this dashboard read the event from Kafka, or null if it did not come from Kafka. */
    public Instant receivedAt() {
        return receivedAt;
    }

    public long sequence() {
        return sequence;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public Instant time() {
        return time;
    }

    /**
     * The data as a tree. Once the event is indexed this parses its JSON again: a fresh tree per
     * call, for a caller that reads a few events (use {@link #expanded} to read many fields of
     * one).
     */
    public ObjectNode data() {
        ObjectNode d = data;
        if (d != null) {
            return d;
        }
        Slice s = dataSlice();
        try {
            return (ObjectNode) MAPPER.readTree(s.bytes, s.from, s.to - s.from);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // it was written by this class from a tree
        }
    }

    /** The data's JSON text, exactly as {@code data().toString()} writes it. */
    public String dataText() {
        Slice s = dataSlice();
        return new String(s.bytes, s.from, s.to - s.from, StandardCharsets.UTF_8);
    }

    /**
     * The data for a JSON writer: its JSON text, written as it is (the same output as the tree).
     */
    public JsonNode dataForWriting() {
        return new POJONode(new RawValue(dataText()));
    }

    /** This event with its data as a tree, for a reader of many of its fields (a ladder). */
    public DashboardEvent expanded() {
        return data != null ? this : new DashboardEvent(this, data());
    }

    /** Called by the index once it has filed the event: from now on only the JSON text is kept. */
    void indexed() {
        data = null;
    }

    private record Slice(byte[] bytes, int from, int to) {
        byte[] copy() {
            return Arrays.copyOfRange(bytes, from, to);
        }
    }

    private Slice dataSlice() {
        byte[] d = dataJson;
        if (d != null) {
            return new Slice(d, 0, d.length);
        }
        byte[] j = json; // set before dataJson is cleared
        return new Slice(j, dataFrom, j.length - 1);
    }

    public String handshakeId() {
        return handshakeId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String serial() {
        return serial;
    }

    public String version() {
        return version;
    }

    public String suite() {
        return suite;
    }

    public String alert() {
        return alert;
    }

    public String result() {
        return result;
    }

    /** A data field as text, or null. */
    public String field(String name) {
        return text(data(), name);
    }

    /** A numeric data field, or {@code fallback}. */
    public long number(String name, long fallback) {
        JsonNode n = data().get(name);
        return n != null && n.isNumber() ? n.longValue() : fallback;
    }

    public boolean flag(String name) {
        JsonNode n = data().get(name);
        return n != null && n.asBoolean(false);
    }

    /**
     * The event serialised once (UTF-8 JSON) for every live subscriber and export that needs it;
     * computed on first use, so an event nobody watches costs no serialisation. When the data is
     * the last member of that JSON, as written by {@link #dataForWriting}, it is read from there
     * afterwards and its own copy is dropped.
     */
    public byte[] cachedJson(java.util.function.Function<DashboardEvent, byte[]> serialiser) {
        byte[] j = json;
        if (j == null) {
            j = serialiser.apply(this);
            byte[] d = dataJson;
            if (d != null) {
                int from = j.length - 1 - d.length;
                if (from > 0
                        && j[j.length - 1] == '}'
                        && Arrays.equals(j, from, j.length - 1, d, 0, d.length)) {
                    dataFrom = from;
                    json = j;
                    dataJson = null;
                    return j;
                }
            }
            json = j;
        }
        return j;
    }
}
