package io.tlsuite.handshake.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.handshake.HandshakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one Kafka publisher of this service instance, and the buffer in front of it. */
@ApplicationScoped
class EventPublisherProducer {

    @Produces
    @Singleton
    EventPublisher publisher(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "tlsuite.instance") String instance) {
        // A shorter delivery timeout than Kafka's 2 minutes: failed sends come back to our buffer,
        // which keeps them (bounded) until the broker returns.
        return EventPublisher.create(
                bootstrap,
                "/tlsuite/handshake-service/" + instance,
                Map.of("delivery.timeout.ms", 30000, "request.timeout.ms", 10000));
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    BufferedEventPublisher buffered(
            EventPublisher publisher, HandshakeConfig config, MeterRegistry meters) {
        return new BufferedEventPublisher(publisher, config.events().bufferCapacity(), meters);
    }

    void close(@Disposes BufferedEventPublisher buffered) {
        buffered.close();
    }
}
