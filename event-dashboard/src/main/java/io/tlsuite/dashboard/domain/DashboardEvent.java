package io.tlsuite.dashboard.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event as the dashboard keeps it: the CloudEvents attributes, the data as a JSON tree, where
 * it came from (topic, partition, offset), and the few fields every view filters on, pulled out
 * once when the event arrives so that filtering never walks the tree.
 */
public final class DashboardEvent {

    private long sequence;
    private final String id;
    private final String type;
    private final String topic;
    private final int partition;
    private final long offset;
    private final String source;
    private final String subject;
    private final Instant time;
    private final ObjectNode data;
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
        this.type = type;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.data = data;
        this.handshakeId = type.startsWith("tls.handshake.") ? subject : text(data, "handshakeId");
        this.sessionId = text(data, "sessionId");
        this.serial = firstText(data, "serial", "serverCertificateSerial", "certificateSerial");
        String v = text(data, "version");
        this.version = v != null ? v : text(data, "legacyVersion");
        this.suite = text(data, "cipherSuite");
        this.alert = text(data, "alert");
        this.result = resultOf(type, data);
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

    public ObjectNode data() {
        return data;
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
        return text(data, name);
    }

    /** A numeric data field, or {@code fallback}. */
    public long number(String name, long fallback) {
        JsonNode n = data.get(name);
        return n != null && n.isNumber() ? n.longValue() : fallback;
    }

    public boolean flag(String name) {
        JsonNode n = data.get(name);
        return n != null && n.asBoolean(false);
    }

    /**
     * The event serialised once (UTF-8 JSON) for every live subscriber and export that needs it;
     * computed on first use, so an event nobody watches costs no serialisation.
     */
    public byte[] cachedJson(java.util.function.Function<DashboardEvent, byte[]> serialiser) {
        byte[] j = json;
        if (j == null) {
            j = serialiser.apply(this);
            json = j;
        }
        return j;
    }
}
