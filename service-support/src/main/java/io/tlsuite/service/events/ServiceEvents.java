package io.tlsuite.service.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.tlsuite.events.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Kafka publisher of a service instance, and the buffer in front of it. The CloudEvents
 * source is {@code /tlsuite/<tlsuite.service-name>/<tlsuite.instance>}.
 */
@ApplicationScoped
public class ServiceEvents {

    @Produces
    @Singleton
    EventPublisher publisher(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "tlsuite.service-name") String service,
            @ConfigProperty(name = "tlsuite.instance") String instance,
            @ConfigProperty(name = "tlsuite.events.linger-ms", defaultValue = "5") int lingerMs,
            Config config) {
        // A shorter delivery timeout than Kafka's 2 minutes: a failed send comes back to the
        // caller's buffer (or outbox), which keeps it until the broker returns.
        Map<String, Object> overrides = new HashMap<>(KafkaClientConfig.security(config));
        overrides.put("delivery.timeout.ms", 30000);
        overrides.put("request.timeout.ms", 10000);
        // How long a send waits for others to share its request: the broker's and the consumers'
        // cost is per request more than per event. No compression: lz4 and snappy need libraries
        // that not every consumer has (the dashboard fails on them), and gzip costs more CPU
        // than it saves on events this small.
        overrides.put("linger.ms", lingerMs);
        return EventPublisher.create(bootstrap, "/tlsuite/" + service + "/" + instance, overrides);
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    BufferedEventPublisher buffered(
            EventPublisher publisher,
            MeterRegistry meters,
            @ConfigProperty(name = "tlsuite.events.buffer-capacity", defaultValue = "50000")
                    int capacity,
            @ConfigProperty(name = "tlsuite.events.gather-ms", defaultValue = "0") int gatherMs) {
        return new BufferedEventPublisher(
                publisher, capacity, java.time.Duration.ofMillis(gatherMs), meters);
    }

    void close(@Disposes BufferedEventPublisher buffered) {
        buffered.close();
    }
}
