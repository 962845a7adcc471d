package io.tlsuite.dashboard;

import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh TLS 1.2 RSA key transport handshake and its session, published through the real broker
 * with the real codec, in the order the handshake service's recorder publishes them (the order of
 * docs/walkthrough.md §3); then the revocation cascade as the CA and the session store publish it.
 */
record HandshakeStory(String handshakeId, String sessionId, String serial) {

    static HandshakeStory tls12Rsa() {
        String id = UUID.randomUUID().toString();
        return new HandshakeStory("hs-" + id, "s-" + id, id.substring(0, 8));
    }

    void publish(String bootstrap) throws Exception {
        send(
                bootstrap,
                "/tlsuite/handshake-service/test",
                Stories.rsaHandshake(handshakeId, sessionId, serial));
    }

    void revoke(String bootstrap) throws Exception {
        send(bootstrap, "/tlsuite/session-store/test", Stories.revocation(sessionId, serial));
    }

    private static void send(String bootstrap, String source, List<LifecycleEvent> events)
            throws Exception {
        try (EventPublisher p =
                EventPublisher.create(bootstrap, source, Map.of("max.block.ms", 60000))) {
            for (LifecycleEvent e : events) {
                p.publish(e).toCompletableFuture().get();
            }
        }
    }
}
