package io.tlsuite.kafka;

import io.tlsuite.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded broker as a process of its own: what {@code ./suite up} starts. */
@Command(
        name = "embedded-kafka",
        mixinStandardHelpOptions = true,
        description = "Runs a real single-node Apache Kafka broker (KRaft) for the TLS suite.")
public final class KafkaBrokerMain implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port on localhost (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = ".suite/kafka",
            description = "Where the broker keeps its logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of each suite topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--config-from-env",
            description =
                    "Also take broker properties from KAFKA_* environment variables, named as for"
                            + " the apache/kafka image (KAFKA_ADVERTISED_LISTENERS is"
                            + " advertised.listeners): what the container image uses.")
    boolean configFromEnv;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        EmbeddedKafkaBroker broker;
        try {
            Map<String, String> overrides =
                    configFromEnv ? BrokerEnvironment.properties(System.getenv()) : Map.of();
            broker =
                    EmbeddedKafkaBroker.persistent(port, dataDir.toAbsolutePath(), overrides)
                            .start();
        } catch (IllegalStateException e) {
            System.err.println("embedded-kafka: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    broker.close();
                                    stopped.countDown();
                                },
                                "kafka-shutdown"));
        broker.createTopics(Topics.ALL, partitions, Duration.ofSeconds(30));
        System.out.printf(
                "Kafka broker ready at %s (KRaft, data in %s) with topics %s in %d ms%n",
                broker.bootstrapServers(),
                dataDir.toAbsolutePath(),
                Topics.ALL,
                (System.nanoTime() - start) / 1_000_000);
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaBrokerMain()).execute(args));
    }
}
