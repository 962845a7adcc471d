package io.tlsuite.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private static FeedEntry event(String type, String subject) {
        return new FeedEntry(
                0, type + subject, type, "tls.x", "/src", subject, OffsetDateTime.now(), "{}");
    }

    @Test
    void keepsOnlyTheMostRecentUpToCapacityAndCountsEverything() {
        EventFeed feed = new EventFeed(3);
        for (int i = 0; i < 5; i++) {
            feed.append(event("tls.session.closed", "s" + i));
        }
        assertThat(feed.recent(10, e -> true))
                .extracting(FeedEntry::subject)
                .containsExactly("s2", "s3", "s4");
        assertThat(feed.recent(10, e -> true))
                .extracting(FeedEntry::sequence)
                .containsExactly(3L, 4L, 5L);
        assertThat(feed.total()).isEqualTo(5);
        assertThat(feed.countsByType()).containsEntry("tls.session.closed", 5L);
    }

    @Test
    void recentReturnsTheNewestMatchesOldestFirst() {
        EventFeed feed = new EventFeed(10);
        feed.append(event("a", "x"));
        feed.append(event("b", "y"));
        feed.append(event("c", "x"));
        feed.append(event("d", "x"));
        assertThat(feed.recent(2, e -> e.subject().equals("x")))
                .extracting(FeedEntry::type)
                .containsExactly("c", "d");
    }

    @Test
    void subscribersSeeNewEventsUntilTheyUnsubscribe() {
        EventFeed feed = new EventFeed(10);
        List<String> seen = new ArrayList<>();
        Runnable unsubscribe = feed.subscribe(e -> seen.add(e.subject()));
        feed.append(event("a", "1"));
        unsubscribe.run();
        feed.append(event("a", "2"));
        assertThat(seen).containsExactly("1");
    }
}
