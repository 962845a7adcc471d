package io.tlsuite.handshake.domain;

import io.tlsuite.events.handshake.HandshakeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of one REST step, held until the step is committed: a replica that loses the race for
 * a step (another replica advanced the same handshake first) drops them, so each step of a timeline
 * is published once.
 */
final class HeldEvents implements Consumer<HandshakeEvent> {
    private final Consumer<HandshakeEvent> publisher;
    private final List<HandshakeEvent> held = new ArrayList<>();

    HeldEvents(Consumer<HandshakeEvent> publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void accept(HandshakeEvent event) {
        held.add(event);
    }

    synchronized void publish() {
        held.forEach(publisher);
        held.clear();
    }

    synchronized void drop() {
        held.clear();
    }
}
