package io.tlsuite.dashboard.live;

import io.tlsuite.dashboard.domain.DashboardEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The live viewers of the dashboard. The topic reader publishes each batch once; every viewer gets
 * the events its filter takes, in order, each exactly once (history replayed on subscribe and live
 * events never overlap). The number of viewers is capped, in all and per client address.
 */
public final class LiveStream {

    private final int maxSubscribers;
    private final int maxPerClient;
    private final int buffer;
    private final List<LiveSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public LiveStream(int maxSubscribers, int maxPerClient, int buffer) {
        this.maxSubscribers = maxSubscribers;
        this.maxPerClient = maxPerClient;
        this.buffer = buffer;
    }

    /** Too many viewers already. */
    public static final class Full extends RuntimeException {
        public Full(int max) {
            super("at most " + max + " live viewers at a time", null, false, false);
        }
    }

    /** Too many viewers from the same client address already. */
    public static final class ClientFull extends RuntimeException {
        public ClientFull(int max) {
            super(
                    "at most " + max + " live viewers at a time from one address; close one first",
                    null,
                    false,
                    false);
        }
    }

    /** Looks up what a new viewer missed: the events after a sequence, as many as fit. */
    public interface History {
        List<DashboardEvent> after(long sequence, int limit);

        long lastSequence();
    }

    /**
     * Adds a viewer. With {@code after}, the events after that sequence that are still kept come
     * first (as many as its queue holds), then the live ones.
     *
     * @param client the viewer's address, for its share of the slots
     */
    public synchronized LiveSubscriber subscribe(
            Predicate<DashboardEvent> filter,
            LiveSubscriber.Sink sink,
            Long after,
            History history,
            String client) {
        subscribers.removeIf(LiveSubscriber::closed);
        if (subscribers.size() >= maxSubscribers) {
            throw new Full(maxSubscribers);
        }
        if (subscribers.stream().filter(v -> client.equals(v.client())).count() >= maxPerClient) {
            throw new ClientFull(maxPerClient);
        }
        long start = history.lastSequence();
        long id = ids.incrementAndGet();
        LiveSubscriber[] self = new LiveSubscriber[1];
        LiveSubscriber s =
                new LiveSubscriber(
                        id,
                        client,
                        filter,
                        sink,
                        buffer,
                        after == null ? start : Math.min(after, start),
                        () -> subscribers.remove(self[0]));
        self[0] = s;
        if (after != null && after < start) {
            for (DashboardEvent e : history.after(after, buffer)) {
                s.offer(e);
            }
            s.lastSequence = start;
        }
        subscribers.add(s);
        s.pump();
        return s;
    }

    /** Called by the topic reader after the index took the batch. */
    public synchronized void publish(List<DashboardEvent> batch) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (LiveSubscriber s : subscribers) {
            for (DashboardEvent e : batch) {
                s.offer(e);
            }
            s.pump();
        }
    }

    /** Keeps idle connections checked, so a viewer that went away is noticed and removed. */
    public void heartbeat() {
        subscribers.forEach(LiveSubscriber::heartbeat);
    }

    public List<LiveSubscriber.SubscriberStatus> status() {
        return subscribers.stream().map(LiveSubscriber::status).toList();
    }

    public int maxSubscribers() {
        return maxSubscribers;
    }

    public int maxPerClient() {
        return maxPerClient;
    }

    public int buffer() {
        return buffer;
    }
}
