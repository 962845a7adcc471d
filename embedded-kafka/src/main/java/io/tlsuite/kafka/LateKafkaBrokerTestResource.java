package io.tlsuite.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource for a service that starts before its broker: the application is pointed at
 * a free port where nothing listens yet, and the test starts a real broker there with {@link
 * #startBroker()} when it chooses (compose: Kafka's container comes up after the service). The
 * broker stops with the test resource.
 */
public class LateKafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        broker = EmbeddedKafkaBroker.ephemeral();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /**
     * Started after the other resources, so that its address wins over the shared broker's where a
     * module declares {@link KafkaBrokerTestResource} for every test
     * ({@code @QuarkusTestResource}).
     */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    /** Starts the broker the application has been pointed at (idempotent); returns it. */
    public static synchronized EmbeddedKafkaBroker startBroker() {
        if (broker == null) {
            throw new IllegalStateException("the test resource has not started");
        }
        return broker.start();
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
