package io.tlsuite.sessionstore.domain;

import io.tlsuite.events.session.SessionEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what the registry reported, for assertions. */
public final class RecordingSink implements SessionEventSink {

    public final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    public final Map<TicketState, AtomicInteger> ticketsEnded = new ConcurrentHashMap<>();

    @Override
    public void publish(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void ticketEnded(TicketState cause, int count) {
        ticketsEnded.computeIfAbsent(cause, c -> new AtomicInteger()).addAndGet(count);
    }

    public <T extends SessionEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends SessionEvent> List<T> of(Class<T> type, String sessionId) {
        return of(type).stream().filter(e -> e.sessionId().equals(sessionId)).toList();
    }

    public int ticketsEnded(TicketState cause) {
        AtomicInteger n = ticketsEnded.get(cause);
        return n == null ? 0 : n.get();
    }
}
