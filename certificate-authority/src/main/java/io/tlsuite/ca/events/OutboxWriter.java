package io.tlsuite.ca.events;

import io.tlsuite.ca.store.OutboxRepository;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records an event in the outbox, inside the caller's transaction; {@link OutboxRelay} sends it.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;
    private final EventPublisher publisher;

    OutboxWriter(OutboxRepository outbox, EventPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    public void record(LifecycleEvent event) {
        outbox.append(EventCodec.envelope(event, publisher.source()));
    }
}
