package io.tlsuite.agent.events;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.service.events.BufferedEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Publishes the agent's events on {@code tls.agents} through the service's buffered publisher
 * ({@code service-support}): a handshake never waits for Kafka, sends that fail are retried, and
 * only a full buffer (a long broker outage during a load run) drops the oldest, counted in {@code
 * tlsuite_events_dropped_total}.
 */
@ApplicationScoped
public class AgentEvents {

    @Inject BufferedEventPublisher events;

    public void publish(LifecycleEvent event) {
        events.publish(event);
    }
}
