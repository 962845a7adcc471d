package io.tlsuite.dashboard.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The most recent events, bounded, with live subscribers. Thread-safe; subscribers are called on
 * the thread that appends and must not block.
 */
public final class EventFeed {

    private final int capacity;
    private final Deque<FeedEntry> recent = new ArrayDeque<>();
    private final Map<String, Long> countsByType = new TreeMap<>();
    private final List<Consumer<FeedEntry>> subscribers = new CopyOnWriteArrayList<>();
    private long sequence;

    public EventFeed(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Adds an event (the sequence number is assigned here) and tells the subscribers. */
    public FeedEntry append(FeedEntry event) {
        FeedEntry numbered;
        synchronized (this) {
            numbered =
                    new FeedEntry(
                            ++sequence,
                            event.id(),
                            event.type(),
                            event.topic(),
                            event.source(),
                            event.subject(),
                            event.time(),
                            event.dataJson());
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(numbered);
            countsByType.merge(event.type(), 1L, Long::sum);
        }
        subscribers.forEach(s -> s.accept(numbered));
        return numbered;
    }

    /** Up to {@code limit} most recent events that match, oldest first. */
    public synchronized List<FeedEntry> recent(int limit, Predicate<FeedEntry> filter) {
        List<FeedEntry> matching = new ArrayList<>();
        var it = recent.descendingIterator();
        while (it.hasNext() && matching.size() < limit) {
            FeedEntry e = it.next();
            if (filter.test(e)) {
                matching.add(e);
            }
        }
        java.util.Collections.reverse(matching);
        return matching;
    }

    /** How many events of each type this dashboard has seen since it started. */
    public synchronized Map<String, Long> countsByType() {
        return new TreeMap<>(countsByType);
    }

    public synchronized long total() {
        return sequence;
    }

    public Runnable subscribe(Consumer<FeedEntry> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
