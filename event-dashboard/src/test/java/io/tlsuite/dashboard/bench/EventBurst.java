package io.tlsuite.dashboard.bench;

import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Load for the dashboard's CPU benchmark ({@code event-dashboard/bench/cpu-per-event.sh}):
 * publishes whole TLS 1.2 handshakes and their sessions (12 events each, the ClientHello and
 * ServerHello with their raw bytes) through the real broker, as fast as the producer goes.
 *
 * <p>Arguments: bootstrap servers, number of handshakes.
 */
public final class EventBurst {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int handshakes = Integer.parseInt(args[1]);
        try (EventPublisher publisher =
                EventPublisher.create(
                        bootstrap,
                        "/tlsuite/bench/burst",
                        Map.of("batch.size", 262144, "linger.ms", 10, "max.block.ms", 120000))) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            long events = 0;
            for (int i = 0; i < handshakes; i++) {
                String id = UUID.randomUUID().toString();
                for (LifecycleEvent e :
                        Stories.rsaHandshake("hs-" + id, "s-" + id, "0abc" + (i % 50))) {
                    sent.add(publisher.publish(e).toCompletableFuture());
                    events++;
                }
                if (sent.size() > 20_000) {
                    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
                    sent.clear();
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
            System.out.println(events);
        }
    }

    private EventBurst() {}
}
