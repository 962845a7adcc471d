package io.tlsuite.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.dashboard.domain.EventFilter;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;
import io.tlsuite.events.handshake.HandshakeStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class LiveStreamTest {

    /**
     * A connection whose writes complete only when the test says so: a viewer that stopped reading.
     */
    static final class StalledSink implements LiveSubscriber.Sink {
        final List<Long> delivered = new ArrayList<>();
        final List<Long> droppedNotices = new ArrayList<>();
        CompletableFuture<Void> pending = new CompletableFuture<>();
        boolean stalled = true;

        @Override
        public CompletionStage<?> send(long dropped, List<DashboardEvent> events) {
            if (dropped > 0) {
                droppedNotices.add(dropped);
            }
            events.forEach(e -> delivered.add(e.sequence()));
            if (stalled) {
                pending = new CompletableFuture<>();
                return pending;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> heartbeat() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
    }

    private static final EventIndex INDEX =
            new EventIndex(
                    new EventIndex.Limits(100_000, 10, 10, 10, 10, 10, Duration.ofDays(1)),
                    Topics.ALL);

    private static List<DashboardEvent> events(int n) {
        List<LifecycleEvent> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new HandshakeStarted("h" + i, "rest", "p", 0));
        }
        List<DashboardEvent> decoded = Stories.decoded(list);
        INDEX.appendAll(decoded);
        return decoded;
    }

    private static LiveStream.History history() {
        return new LiveStream.History() {
            @Override
            public List<DashboardEvent> after(long sequence, int limit) {
                return INDEX.events(EventFilter.ALL, limit, null, sequence).events();
            }

            @Override
            public long lastSequence() {
                return INDEX.total();
            }
        };
    }

    @Test
    void aViewerThatStopsReadingHoldsAtMostItsQueueAndIsToldWhatItMissed() {
        LiveStream stream = new LiveStream(4, 4, 100);
        StalledSink sink = new StalledSink();
        LiveSubscriber s = stream.subscribe(e -> true, sink, null, history(), "127.0.0.1");

        List<DashboardEvent> burst = events(10_000);
        for (int i = 0; i < burst.size(); i += 500) {
            stream.publish(burst.subList(i, i + 500));
        }
        // The first 100 of the first burst went out and the write stalled; from then on the queue
        // holds 100 and everything else is counted as dropped, never buffered.
        assertThat(sink.delivered).hasSize(100);
        assertThat(s.status().queued()).isEqualTo(100);
        assertThat(s.status().capacity()).isEqualTo(100);
        assertThat(s.status().dropped()).isEqualTo(10_000 - 200);

        sink.stalled = false;
        sink.pending.complete(null);
        assertThat(sink.droppedNotices).containsExactly(400L, 9_400L);
        assertThat(sink.delivered).hasSize(200).isSorted().doesNotHaveDuplicates();
        assertThat(s.status().queued()).isZero();
    }

    @Test
    void aViewerThatKeepsUpGetsEveryEventOnceInOrderIncludingTheReplayedOnes() {
        LiveStream stream = new LiveStream(4, 4, 1000);
        List<DashboardEvent> before = events(50);
        StalledSink sink = new StalledSink();
        sink.stalled = false;
        long after = before.get(19).sequence();
        stream.subscribe(e -> true, sink, after, history(), "127.0.0.1");
        List<DashboardEvent> live = events(3000);
        for (int i = 0; i < live.size(); i += 300) {
            stream.publish(live.subList(i, i + 300));
        }
        assertThat(sink.delivered).hasSize(30 + 3000).isSorted().doesNotHaveDuplicates();
        assertThat(sink.delivered.get(0)).isEqualTo(after + 1);
        assertThat(sink.droppedNotices).isEmpty();
    }

    @Test
    void theNumberOfViewersIsCapped() {
        LiveStream stream = new LiveStream(2, 2, 10);
        stream.subscribe(e -> true, new StalledSink(), null, history(), "127.0.0.1");
        LiveSubscriber second =
                stream.subscribe(e -> true, new StalledSink(), null, history(), "127.0.0.1");
        assertThatThrownBy(
                        () ->
                                stream.subscribe(
                                        e -> true, new StalledSink(), null, history(), "127.0.0.1"))
                .isInstanceOf(LiveStream.Full.class);
        second.close();
        stream.subscribe(e -> true, new StalledSink(), null, history(), "127.0.0.1");
        assertThat(stream.status()).hasSize(2);
    }

    @Test
    void oneClientCannotTakeEverySlot() {
        LiveStream stream = new LiveStream(4, 2, 10);
        LiveSubscriber first =
                stream.subscribe(e -> true, new StalledSink(), null, history(), "10.0.0.1");
        stream.subscribe(e -> true, new StalledSink(), null, history(), "10.0.0.1");
        assertThatThrownBy(
                        () ->
                                stream.subscribe(
                                        e -> true, new StalledSink(), null, history(), "10.0.0.1"))
                .isInstanceOf(LiveStream.ClientFull.class)
                .hasMessageContaining("at most 2");
        // Another address still gets the slots the first one cannot take.
        stream.subscribe(e -> true, new StalledSink(), null, history(), "10.0.0.2");
        stream.subscribe(e -> true, new StalledSink(), null, history(), "10.0.0.2");
        assertThat(stream.status()).hasSize(4);
        // A viewer that leaves gives its slot back to its client.
        first.close();
        stream.subscribe(e -> true, new StalledSink(), null, history(), "10.0.0.1");
        assertThat(stream.status()).hasSize(4);
    }
}
