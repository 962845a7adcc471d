package io.tlsuite.handshake.support;

import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.service.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** {@code tls.handshakes} as the tests read it, through the suite's one {@link TopicReader}. */
public final class HandshakeTopic {
    private HandshakeTopic() {}

    /**
     * Envelopes keyed by {@code handshakeId}, polling until {@code done} holds or the time is up.
     */
    public static List<EventEnvelope> events(
            String bootstrap,
            String handshakeId,
            Predicate<List<EventEnvelope>> done,
            Duration timeout) {
        try (TopicReader reader = TopicReader.of(orShared(bootstrap), Topics.HANDSHAKES)) {
            return reader.awaitEventsOf(handshakeId, done, timeout);
        }
    }

    /** The handshake id whose {@code handshake.completed} event names this session id. */
    public static String handshakeIdOfSession(
            String bootstrap, String sessionId, Duration timeout) {
        try (TopicReader reader = TopicReader.of(orShared(bootstrap), Topics.HANDSHAKES)) {
            return reader.await(all -> completedOf(all, sessionId) != null, timeout).stream()
                    .map(r -> completedOf(List.of(r), sessionId))
                    .filter(id -> id != null)
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no handshake.completed for " + sessionId));
        }
    }

    private static String completedOf(List<TopicReader.Received> records, String sessionId) {
        for (TopicReader.Received r : records) {
            if (r.envelope().data() instanceof HandshakeCompleted done
                    && sessionId.equals(done.sessionId())) {
                return done.handshakeId();
            }
        }
        return null;
    }

    private static String orShared(String bootstrap) {
        return bootstrap == null ? SharedBroker.get().bootstrapServers() : bootstrap;
    }
}
