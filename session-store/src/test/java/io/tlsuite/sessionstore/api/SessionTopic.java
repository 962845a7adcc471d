package io.tlsuite.sessionstore.api;

import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.service.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** {@code tls.sessions} as the tests read it, through the suite's one {@link TopicReader}. */
final class SessionTopic {

    /** One raw record: its key and JSON value. */
    record Raw(String key, String json) {}

    private SessionTopic() {}

    /** Every record of the topic so far (waits until {@code done} holds or the timeout passes). */
    static List<Raw> read(Predicate<List<Raw>> done, Duration timeout) {
        try (TopicReader reader = TopicReader.of(Topics.SESSIONS)) {
            return raws(reader.await(all -> done.test(raws(all)), timeout));
        }
    }

    /** The typed events of one session, in order. */
    static List<EventEnvelope> of(List<Raw> raws, String sessionId) {
        return TopicReader.of(
                raws.stream().map(r -> new TopicReader.Received(r.key(), r.json())).toList(),
                sessionId);
    }

    static Predicate<List<Raw>> hasTypes(String sessionId, String... types) {
        return raws -> {
            List<String> seen = of(raws, sessionId).stream().map(EventEnvelope::type).toList();
            return seen.containsAll(List.of(types));
        };
    }

    private static List<Raw> raws(List<TopicReader.Received> received) {
        return received.stream().map(r -> new Raw(r.key(), r.json())).toList();
    }
}
