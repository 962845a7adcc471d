package io.tlsuite.events.kafka;

import io.tlsuite.events.EventCodec;
import java.nio.charset.StandardCharsets;

/** Header names of the CloudEvents Kafka protocol binding, structured mode. */
final class KafkaHeaders {
    static final String CONTENT_TYPE = "content-type";

    static byte[] contentTypeBytes() {
        return EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaHeaders() {}
}
