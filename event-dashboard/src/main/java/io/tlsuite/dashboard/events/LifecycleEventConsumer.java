package io.tlsuite.dashboard.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tlsuite.dashboard.domain.EventFeed;
import io.tlsuite.dashboard.domain.FeedEntry;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads every suite topic into the feed; records that are not suite events are counted, skipped.
 */
@ApplicationScoped
public class LifecycleEventConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleEventConsumer.class);

    private final EventFeed feed;
    private final MeterRegistry metrics;

    LifecycleEventConsumer(EventFeed feed, MeterRegistry metrics) {
        this.feed = feed;
        this.metrics = metrics;
    }

    @Incoming("lifecycle")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        String topic =
                message.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(metadata -> ((IncomingKafkaRecordMetadata<?, ?>) metadata).getTopic())
                        .orElse("unknown");
        byte[] payload = message.getPayload();
        if (payload == null) {
            return message.ack();
        }
        try {
            EventEnvelope e = EventCodec.deserialize(payload);
            feed.append(
                    new FeedEntry(
                            0,
                            e.id(),
                            e.type(),
                            topic,
                            e.source(),
                            e.subject(),
                            e.time(),
                            EventCodec.dataAsJson(e.data())));
            metrics.counter("dashboard.events", "type", e.type()).increment();
        } catch (MalformedEventException | ClassCastException e) {
            metrics.counter("dashboard.events.malformed", "topic", topic).increment();
            LOG.debugf(
                    "skipped a record on %s that is not a suite event: %s", topic, e.getMessage());
        }
        return message.ack();
    }
}
