package io.tlsuite.dashboard.live;

import io.tlsuite.dashboard.domain.DashboardEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One live viewer. Events wait in a fixed-size queue; the next batch is written only when the
 * previous write has reached the network, so a viewer that reads slowly fills its queue, and from
 * then on new events are dropped and counted, never buffered further. The viewer is told how many
 * it missed before the next events it does get.
 */
public final class LiveSubscriber {

    static final int BATCH = 256;

    /** Where a subscriber's events go: the SSE connection. */
    public interface Sink {
        /**
         * Writes a notice of {@code dropped} missed events (when positive), then the events;
         * completes once written.
         */
        CompletionStage<?> send(long dropped, List<DashboardEvent> events);

        CompletionStage<?> heartbeat();

        void close();
    }

    private final long id;
    private final String client;
    private final Predicate<DashboardEvent> filter;
    private final Sink sink;
    private final ArrayBlockingQueue<DashboardEvent> queue;
    private final AtomicLong droppedSinceNotice = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Runnable onClose;
    private volatile boolean closed;
    long lastSequence;

    LiveSubscriber(
            long id,
            String client,
            Predicate<DashboardEvent> filter,
            Sink sink,
            int capacity,
            long lastSequence,
            Runnable onClose) {
        this.id = id;
        this.client = client;
        this.filter = filter;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lastSequence = lastSequence;
        this.onClose = onClose;
    }

    /** Called by the publisher for each new event, in order; never blocks. */
    void offer(DashboardEvent e) {
        if (e.sequence() <= lastSequence) {
            return;
        }
        lastSequence = e.sequence();
        if (!filter.test(e)) {
            return;
        }
        if (!queue.offer(e)) {
            droppedSinceNotice.incrementAndGet();
            droppedTotal.incrementAndGet();
        }
    }

    /** Sends what waits, unless a write is still on its way; then that write's end sends more. */
    void pump() {
        if (closed || !sending.compareAndSet(false, true)) {
            return;
        }
        List<DashboardEvent> batch = new ArrayList<>(Math.min(BATCH, queue.size()));
        queue.drainTo(batch, BATCH);
        long dropped = droppedSinceNotice.getAndSet(0);
        if (batch.isEmpty() && dropped == 0) {
            sending.set(false);
            if (!queue.isEmpty()) {
                pump();
            }
            return;
        }
        CompletionStage<?> written;
        try {
            written = sink.send(dropped, batch);
        } catch (RuntimeException e) {
            close();
            return;
        }
        written.whenComplete(
                (ok, failure) -> {
                    sending.set(false);
                    if (failure != null) {
                        close();
                    } else {
                        delivered.addAndGet(batch.size());
                        pump();
                    }
                });
    }

    void heartbeat() {
        if (closed) {
            return;
        }
        try {
            sink.heartbeat()
                    .whenComplete(
                            (ok, failure) -> {
                                if (failure != null) {
                                    close();
                                }
                            });
        } catch (RuntimeException e) {
            close();
        }
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        onClose.run();
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    /** The viewer's address, for its client's share of the slots. */
    String client() {
        return client;
    }

    public boolean closed() {
        return closed;
    }

    public SubscriberStatus status() {
        return new SubscriberStatus(
                id,
                queue.size(),
                queue.remainingCapacity() + queue.size(),
                delivered.get(),
                droppedTotal.get());
    }

    /**
     * A viewer as the stats show it.
     *
     * @param queued events waiting for the connection
     * @param dropped events this viewer missed because its queue was full
     */
    public record SubscriberStatus(
            long id, int queued, int capacity, long delivered, long dropped) {}
}
