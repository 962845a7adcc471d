package io.tlsuite.containers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Quarkus test resource: the suite's broker image as a container, for {@code @QuarkusTest}s that
 * run the service's event path against it (pair with {@link EnabledIfDockerImages}). Sets {@code
 * kafka.bootstrap.servers}; {@link #bootstrapServers()} tells the test where to read.
 */
public class KafkaContainerTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * System property with the running container's bootstrap address, for the test's own clients.
     */
    public static final String BOOTSTRAP_PROPERTY = "tlsuite-test.kafka-container";

    private SuiteKafkaContainer kafka;

    @Override
    public Map<String, String> start() {
        kafka = new SuiteKafkaContainer();
        kafka.start();
        // The test class and this resource live in different class loaders: a system property
        // is what both see.
        System.setProperty(BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        System.clearProperty(BOOTSTRAP_PROPERTY);
    }

    /** Where the running container's broker answers. */
    public static String bootstrapServers() {
        String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
        if (bootstrap == null) {
            throw new IllegalStateException("no Kafka container is running");
        }
        return bootstrap;
    }
}
