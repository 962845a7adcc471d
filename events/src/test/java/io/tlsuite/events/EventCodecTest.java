package io.tlsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.events.kafka.EventEnvelopeSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    static Stream<Class<? extends LifecycleEvent>> everyEventType() {
        return EventCatalog.recordTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyTypeSurvivesARoundTripThroughStructuredJson(Class<? extends LifecycleEvent> type) {
        LifecycleEvent event = SampleEvents.sample(type);
        EventEnvelope sent = EventCodec.envelope(event, "/tlsuite/test/1");

        EventEnvelope received = EventCodec.deserialize(EventCodec.serialize(sent));

        assertThat(received.data()).isEqualTo(event);
        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(received.type()).isEqualTo(EventCatalog.typeOf(type));
        assertThat(received.subject()).isEqualTo(event.aggregateId());
        assertThat(received.time().toInstant()).isEqualTo(sent.time().toInstant());
        assertThat(received.schemaVersion()).isEqualTo(EventCatalog.SCHEMA_VERSION);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyTypeSurvivesTheKafkaSerdes(Class<? extends LifecycleEvent> type) {
        EventEnvelope sent = EventCodec.envelope(SampleEvents.sample(type), "/tlsuite/test/1");
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = new EventEnvelopeSerializer().serialize(sent.topic(), headers, sent);
        EventEnvelope received =
                new EventEnvelopeDeserializer().deserialize(sent.topic(), headers, bytes);

        assertThat(received.data()).isEqualTo(sent.data());
        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyTypeIsWrittenByteForByteAsTheCloudEventsSdkWritesIt(
            Class<? extends LifecycleEvent> type) {
        EventEnvelope envelope =
                EventCodec.envelope(
                        SampleEvents.sample(type), "/tlsuite/test/a%20b?x=y&z=\u00e9#f");
        assertThat(new String(EventCodec.serialize(envelope), StandardCharsets.UTF_8))
                .isEqualTo(
                        new String(EventCodec.serializeWithSdk(envelope), StandardCharsets.UTF_8));
    }

    @Test
    void timesWithoutFractionsOrInOtherOffsetsAreWrittenAsTheSdkWritesThem() {
        LifecycleEvent event = SampleEvents.sample(HandshakeFailed.class);
        for (java.time.OffsetDateTime time :
                List.of(
                        java.time.OffsetDateTime.parse("2026-12-02T12:00:00Z"),
                        java.time.OffsetDateTime.parse("2026-12-02T12:00:00.120+02:00"),
                        java.time.OffsetDateTime.parse("2026-12-02T12:00:00.000000001Z"))) {
            EventEnvelope envelope =
                    new EventEnvelope("id-1", "/s", "tls.handshake.failed", "hs-1", time, 1, event);
            assertThat(EventCodec.serialize(envelope))
                    .isEqualTo(EventCodec.serializeWithSdk(envelope));
        }
    }

    @Test
    void aSourceThatIsNotAUriIsRefusedAsTheSdkRefusesIt() {
        EventEnvelope envelope =
                EventCodec.envelope(SampleEvents.sample(HandshakeFailed.class), "/bad source");
        assertThatThrownBy(() -> EventCodec.serialize(envelope))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.serializeWithSdk(envelope))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWireFormatIsCloudEventsStructuredJson() throws Exception {
        HandshakeFailed failed =
                new HandshakeFailed("hs-1", "protocol_version", "server", "START", "TLS 1.1", 42);
        byte[] json =
                EventCodec.serialize(EventCodec.envelope(failed, "/tlsuite/handshake-service/a"));

        JsonNode node = EventCodec.mapper().readTree(json);
        assertThat(node.get("specversion").asText()).isEqualTo("1.0");
        assertThat(node.get("type").asText()).isEqualTo("tls.handshake.failed");
        assertThat(node.get("source").asText()).isEqualTo("/tlsuite/handshake-service/a");
        assertThat(node.get("subject").asText()).isEqualTo("hs-1");
        assertThat(node.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(node.get("dataschema").asText())
                .isEqualTo("urn:tlsuite:event:tls.handshake.failed:v1");
        assertThat(node.get("schemaversion").asInt()).isEqualTo(1);
        assertThat(node.get("data").get("alert").asText()).isEqualTo("protocol_version");
        assertThat(node.get("data").get("elapsedMicros").asLong()).isEqualTo(42);
    }

    @Test
    void instantsAreWrittenAsIso8601() {
        LifecycleEvent issued =
                SampleEvents.sample(io.tlsuite.events.certificate.CertificateIssued.class);
        assertThat(EventCodec.dataAsJson(issued)).contains("\"notBefore\":\"2026-11-25T12:");
    }

    @Test
    void unknownTypesAndGarbageAreRejectedWithATypedError() {
        assertThatThrownBy(
                        () -> EventCodec.deserialize("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        String unknown =
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"tls.nope\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{}}";
        assertThatThrownBy(() -> EventCodec.deserialize(unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("tls.nope");
    }

    @Test
    void catalogCoversTheWholeLifecycle() {
        List<String> types = EventCatalog.recordTypes().stream().map(EventCatalog::typeOf).toList();
        assertThat(types)
                .contains(
                        "tls.certificate.issued",
                        "tls.certificate.revoked",
                        "tls.certificate.expired",
                        "tls.certificate.crl-published",
                        "tls.certificate.validation-performed",
                        "tls.handshake.started",
                        "tls.handshake.client-hello-received",
                        "tls.handshake.server-hello-sent",
                        "tls.handshake.certificate-sent",
                        "tls.handshake.certificate-verified",
                        "tls.handshake.key-exchange-done",
                        "tls.handshake.change-cipher-spec",
                        "tls.handshake.finished-verified",
                        "tls.handshake.completed",
                        "tls.handshake.failed",
                        "tls.session.created",
                        "tls.session.resumed",
                        "tls.session.closed",
                        "tls.session.expired",
                        "tls.session.terminated",
                        "tls.session.keys-destroyed",
                        "tls.session.keys-access-denied",
                        "tls.agent.run-started",
                        "tls.agent.run-progressed",
                        "tls.agent.run-completed",
                        "tls.agent.certificate-validated",
                        "tls.agent.message-exchanged");
        assertThat(types).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyTypeGoesToTheTopicOfItsAggregate(Class<? extends LifecycleEvent> type) {
        LifecycleEvent event = SampleEvents.sample(type);
        String aggregate = EventCatalog.typeOf(type).split("\\.")[1];
        assertThat(event.topic()).isEqualTo("tls." + aggregate + "s");
        assertThat(Topics.ALL).contains(event.topic());
        assertThat(event.aggregateId()).isNotBlank();
    }
}
