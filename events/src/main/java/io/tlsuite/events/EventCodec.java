package io.tlsuite.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.PojoCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns lifecycle events into CloudEvents 1.0 structured-mode JSON and back, with the CloudEvents
 * Java SDK. Thread-safe.
 */
public final class EventCodec {

    /** Media type of a structured-mode CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    /** CloudEvents extension attribute that carries the schema version. */
    public static final String SCHEMA_VERSION_ATTRIBUTE = "schemaversion";

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final JsonFormat FORMAT = new JsonFormat();

    private static final Set<String> CHECKED_SOURCES = ConcurrentHashMap.newKeySet();

    private EventCodec() {}

    /** Wraps an event in a new envelope from {@code source}, stamped now. */
    public static EventEnvelope envelope(LifecycleEvent event, String source) {
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                source,
                EventCatalog.typeOf(event.getClass()),
                event.aggregateId(),
                OffsetDateTime.now(ZoneOffset.UTC),
                EventCatalog.SCHEMA_VERSION,
                event);
    }

    /** The CloudEvent of an envelope, with the data as a JSON object. */
    public static CloudEvent toCloudEvent(EventEnvelope envelope) {
        return CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(URI.create(envelope.source()))
                .withType(envelope.type())
                .withSubject(envelope.subject())
                .withTime(envelope.time())
                .withDataContentType("application/json")
                .withDataSchema(URI.create(EventCatalog.dataSchemaOf(envelope.type())))
                .withExtension(SCHEMA_VERSION_ATTRIBUTE, envelope.schemaVersion())
                .withData(PojoCloudEventData.wrap(envelope.data(), MAPPER::writeValueAsBytes))
                .build();
    }

    /**
     * Structured-mode JSON bytes of an envelope: the same bytes as the CloudEvents SDK's {@link
     * JsonFormat} writes for {@link #toCloudEvent} (attribute order, ISO-8601 time, the data as a
     * JSON object), written in one pass with Jackson's streaming generator. Every event a service
     * publishes goes through here, so it skips the SDK's intermediate objects: the builder, URI
     * parsing, and the data serialised to bytes first and then copied in.
     */
    public static byte[] serialize(EventEnvelope envelope) {
        checkSource(envelope.source());
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("specversion", "1.0");
            g.writeStringField("id", envelope.id());
            g.writeStringField("source", envelope.source());
            g.writeStringField("type", envelope.type());
            g.writeStringField("datacontenttype", "application/json");
            g.writeStringField("dataschema", EventCatalog.dataSchemaOf(envelope.type()));
            g.writeStringField("subject", envelope.subject());
            g.writeStringField(
                    "time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(envelope.time()));
            g.writeNumberField(SCHEMA_VERSION_ATTRIBUTE, envelope.schemaVersion());
            g.writeFieldName("data");
            MAPPER.writeValue(g, envelope.data());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + envelope.type(), e);
        }
        return out.toByteArray();
    }

    /**
     * A CloudEvents source must be a URI-reference; a service has one or two, so each is parsed
     * once.
     */
    private static void checkSource(String source) {
        if (!CHECKED_SOURCES.contains(source)) {
            URI.create(source);
            if (CHECKED_SOURCES.size() < 1024) {
                CHECKED_SOURCES.add(source);
            }
        }
    }

    /**
     * Structured-mode JSON bytes of an envelope as the CloudEvents SDK writes them (the reference
     * {@link #serialize} must match byte for byte).
     */
    static byte[] serializeWithSdk(EventEnvelope envelope) {
        return FORMAT.serialize(toCloudEvent(envelope));
    }

    /**
     * Parses structured-mode JSON into a typed envelope.
     *
     * @throws MalformedEventException when the bytes are not a CloudEvent of a known type
     */
    public static EventEnvelope deserialize(byte[] json) {
        CloudEvent event;
        try {
            event = FORMAT.deserialize(json);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents JSON document", e);
        }
        return fromCloudEvent(event);
    }

    /** The typed envelope of a CloudEvent of the suite. */
    public static EventEnvelope fromCloudEvent(CloudEvent event) {
        Class<? extends LifecycleEvent> type =
                EventCatalog.classOf(event.getType())
                        .orElseThrow(
                                () ->
                                        new MalformedEventException(
                                                "unknown event type " + event.getType(), null));
        if (event.getData() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no data", null);
        }
        LifecycleEvent data;
        try {
            data = MAPPER.readValue(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new MalformedEventException("data does not match " + event.getType(), e);
        }
        Object version = event.getExtension(SCHEMA_VERSION_ATTRIBUTE);
        return new EventEnvelope(
                event.getId(),
                event.getSource().toString(),
                event.getType(),
                event.getSubject() != null ? event.getSubject() : data.aggregateId(),
                event.getTime() != null ? event.getTime() : OffsetDateTime.now(ZoneOffset.UTC),
                version == null
                        ? EventCatalog.SCHEMA_VERSION
                        : Integer.parseInt(version.toString()),
                data);
    }

    /** The data of an event as a JSON tree, for generic consumers such as the dashboard. */
    public static String dataAsJson(LifecycleEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared mapper configuration (ISO-8601 instants), for consumers that want the same. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
