package io.tlsuite.kafka;

import io.tlsuite.events.Topics;
import java.time.Duration;

/** The one broker of a test JVM, shared by the JUnit extension and the Quarkus test resource. */
public final class SharedBroker {

    private static EmbeddedKafkaBroker broker;

    /** Starts the broker on first call, with the suite's topics; later calls return the same. */
    public static synchronized EmbeddedKafkaBroker get() {
        if (broker == null) {
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.ephemeral().start();
            started.createTopics(Topics.ALL, 3, Duration.ofSeconds(30));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-shutdown"));
            broker = started;
        }
        return broker;
    }

    private SharedBroker() {}
}
