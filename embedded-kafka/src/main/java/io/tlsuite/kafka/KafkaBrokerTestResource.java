package io.tlsuite.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the application at the real embedded broker of this test JVM
 * ({@code @QuarkusTestResource(KafkaBrokerTestResource.class)}). The broker outlives each test
 * class and stops with the JVM, so several test classes share one start.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = SharedBroker.get().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        // Shared across test classes; stopped by the JVM shutdown hook.
    }
}
