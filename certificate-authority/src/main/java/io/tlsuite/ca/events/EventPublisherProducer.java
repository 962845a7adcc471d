package io.tlsuite.ca.events;

import io.tlsuite.events.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one Kafka publisher of this service instance. */
@ApplicationScoped
class EventPublisherProducer {

    @Produces
    @ApplicationScoped
    EventPublisher publisher(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "tlsuite.instance") String instance) {
        return EventPublisher.create(
                bootstrap, "/tlsuite/certificate-authority/" + instance, Map.of());
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }
}
