package io.tlsuite.events.kafka;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer: an {@link EventEnvelope} as structured-mode CloudEvents JSON, with a
 * {@code content-type} header as the CloudEvents Kafka binding asks.
 */
public class EventEnvelopeSerializer implements Serializer<EventEnvelope> {

    @Override
    public byte[] serialize(String topic, EventEnvelope envelope) {
        return envelope == null ? null : EventCodec.serialize(envelope);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, EventEnvelope envelope) {
        if (envelope != null) {
            headers.remove(KafkaHeaders.CONTENT_TYPE);
            headers.add(KafkaHeaders.CONTENT_TYPE, KafkaHeaders.contentTypeBytes());
        }
        return serialize(topic, envelope);
    }
}
