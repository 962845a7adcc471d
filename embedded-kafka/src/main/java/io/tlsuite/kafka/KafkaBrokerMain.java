package io.tlsuite.kafka;

import io.tlsuite.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Option(
            names = "--users-file",
            description =
                    "Clients must authenticate: a properties file of principal=password (SCRAM-SHA-256"
                            + " credentials, written at every start). Every listener then speaks"
                            + " SASL_PLAINTEXT and only the suite's ACLs (SuiteAcls) allow anything.")
    Path usersFile;

    @Option(
            names = "--ready-file",
            description =
                    "Written once the topics (and ACLs) exist, i.e. when the broker serves the suite;"
                            + " the container image's health check looks for it (an open port alone"
                            + " comes earlier).")
    Path readyFile;

    /**
     * Topic creation and ACLs wait this long for the broker's own controller: on a loaded machine
     * (a compose topology starting ten JVMs on two cores) 30 s was not always enough, and the
     * broker process then exited after its port had already looked healthy.
     */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(180);

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        EmbeddedKafkaBroker broker;
        Map<String, String> users;
        try {
            Map<String, String> overrides =
                    configFromEnv ? BrokerEnvironment.properties(System.getenv()) : Map.of();
            users = usersFile == null ? Map.of() : BrokerUsers.read(usersFile);
            EmbeddedKafkaBroker configured =
                    EmbeddedKafkaBroker.persistent(port, dataDir.toAbsolutePath(), overrides);
            broker = (users.isEmpty() ? configured : configured.withUsers(users)).start();
        } catch (IllegalStateException | IllegalArgumentException e) {
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
        broker.createTopics(Topics.ALL, partitions, SETUP_TIMEOUT);
        String security = "no authentication";
        if (usersFile != null) {
            broker.replaceAcls(SuiteAcls.forUsers(users.keySet()), SETUP_TIMEOUT);
            List<String> granted = new ArrayList<>(SuiteAcls.principals());
            granted.retainAll(users.keySet());
            security = "SASL SCRAM-SHA-256, " + users.size() + " users, ACLs for " + granted;
        }
        System.out.printf(
                "Kafka broker ready at %s (KRaft, %s, data in %s) with topics %s in %d ms%n",
                broker.bootstrapServers(),
                security,
                dataDir.toAbsolutePath(),
                Topics.ALL,
                (System.nanoTime() - start) / 1_000_000);
        if (readyFile != null) {
            try {
                Files.writeString(readyFile, "ready\n");
            } catch (IOException e) {
                System.err.println(
                        "embedded-kafka: cannot write the ready file " + readyFile + ": " + e);
            }
        }
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaBrokerMain()).execute(args));
    }
}
