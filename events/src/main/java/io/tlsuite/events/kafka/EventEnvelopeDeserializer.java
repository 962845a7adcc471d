package io.tlsuite.events.kafka;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for structured-mode CloudEvents JSON. Throws {@link
 * io.tlsuite.events.MalformedEventException} for records that are not suite events, so consumers
 * can choose to skip them (e.g. with a failure strategy) rather than stall.
 */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope> {

    @Override
    public EventEnvelope deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.deserialize(data);
    }
}
