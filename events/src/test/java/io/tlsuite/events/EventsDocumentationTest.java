package io.tlsuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/events.md in step with the code: the document is generated from the catalog, and this
 * test fails when the committed file differs. Regenerate with {@code mvn -pl events test
 * -Devents.docs.write=true}.
 */
class EventsDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "events.md");

    @Test
    void docsEventsMdDescribesEveryEventAsTheCodeDoes() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("events.docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as(
                        "docs/events.md is stale: regenerate it with mvn -pl events test -Devents.docs.write=true")
                .isEqualTo(generated);
    }

    static String render() throws IOException {
        ObjectMapper pretty = EventCodec.mapper().enable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder md = new StringBuilder();
        md.append("# Events\n\n")
                .append(
                        "<!-- Generated from the events module by EventsDocumentationTest; do not edit by hand. -->\n\n")
                .append(
                        "Every step of the lifecycle is published to Kafka as a CloudEvents 1.0 event in structured JSON\n")
                .append(
                        "mode (`content-type: application/cloudevents+json`). One topic per aggregate; the record key is the\n")
                .append(
                        "aggregate id (also the CloudEvents `subject`), so one aggregate's events stay in order on one partition.\n\n")
                .append(
                        "Envelope attributes: `specversion` 1.0, `id` (UUID), `source` (`/tlsuite/<service>/<instance>`),\n")
                .append(
                        "`type` (below), `subject` (aggregate id), `time`, `datacontenttype` `application/json`,\n")
                .append(
                        "`dataschema` (`urn:tlsuite:event:<type>:v<n>`) and the extension `schemaversion` (currently ")
                .append(EventCatalog.SCHEMA_VERSION)
                .append(").\n\n")
                .append(
                        "No event carries secret material: no private key, pre-master, master or traffic secret, session key,\n")
                .append(
                        "ticket or PSK, nor a hash of one. `NoSecretsInEventsTest` enforces this over every type: component\n")
                .append(
                        "names, component types (only strings, numbers, booleans, instants and lists of strings) and the JSON.\n\n")
                .append(
                        "Java: `io.tlsuite.events.EventCodec` (envelope, serialize, deserialize), `io.tlsuite.events.kafka`\n")
                .append(
                        "(`EventEnvelopeSerializer`, `EventEnvelopeDeserializer`, `EventPublisher`).\n\n");
        for (Class<? extends LifecycleEvent> topicInterface : EventCatalog.TOPIC_INTERFACES) {
            LifecycleEvent any =
                    SampleEvents.sample(
                            EventCatalog.recordTypes().stream()
                                    .filter(topicInterface::isAssignableFrom)
                                    .findFirst()
                                    .orElseThrow());
            md.append("## Topic `").append(any.topic()).append("`\n\n");
            md.append("| type | key | fields |\n| --- | --- | --- |\n");
            for (Class<? extends LifecycleEvent> type : EventCatalog.recordTypes()) {
                if (!topicInterface.isAssignableFrom(type)) {
                    continue;
                }
                md.append("| `")
                        .append(EventCatalog.typeOf(type))
                        .append("` | ")
                        .append(keyOf(type))
                        .append(" | ");
                StringBuilder fields = new StringBuilder();
                for (RecordComponent c : type.getRecordComponents()) {
                    if (fields.length() > 0) {
                        fields.append(", ");
                    }
                    fields.append('`').append(c.getName()).append("` ").append(typeName(c));
                }
                md.append(fields).append(" |\n");
            }
            md.append('\n');
            for (Class<? extends LifecycleEvent> type : EventCatalog.recordTypes()) {
                if (!topicInterface.isAssignableFrom(type)) {
                    continue;
                }
                EventEnvelope example =
                        new EventEnvelope(
                                "3f1c2a9e-0000-4000-8000-"
                                        + String.format("%012d", type.getSimpleName().length()),
                                "/tlsuite/" + serviceOf(any.topic()) + "/local",
                                EventCatalog.typeOf(type),
                                SampleEvents.sample(type).aggregateId(),
                                OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC),
                                EventCatalog.SCHEMA_VERSION,
                                SampleEvents.sample(type));
                md.append("### `")
                        .append(EventCatalog.typeOf(type))
                        .append("`\n\n```json\n")
                        .append(
                                pretty.writeValueAsString(
                                        pretty.readTree(EventCodec.serialize(example))))
                        .append("\n```\n\n");
            }
        }
        return md.toString();
    }

    private static String keyOf(Class<? extends LifecycleEvent> type) {
        LifecycleEvent sample = SampleEvents.sample(type);
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                if (sample.aggregateId().equals(c.getAccessor().invoke(sample))) {
                    return "`" + c.getName() + "`";
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "aggregate id";
    }

    private static String typeName(RecordComponent c) {
        if (c.getGenericType() instanceof ParameterizedType p) {
            return "list of "
                    + ((Class<?>) p.getActualTypeArguments()[0]).getSimpleName().toLowerCase();
        }
        return c.getType().getSimpleName().toLowerCase();
    }

    private static String serviceOf(String topic) {
        return switch (topic) {
            case Topics.CERTIFICATES -> "certificate-authority";
            case Topics.HANDSHAKES -> "handshake-service";
            case Topics.SESSIONS -> "session-store";
            default -> "client-agent";
        };
    }
}
