package io.tlsuite.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The suite's own broker image ({@code tlsuite/kafka}) as a Testcontainers container, configured
 * with the apache/kafka image's variables as in the compose file. Kafka clients must reach the
 * address the broker advertises, so the client port is a free host port mapped to the same port in
 * the container (a random mapped port would be advertised wrongly).
 */
public class SuiteKafkaContainer extends FixedHostPortGenericContainer<SuiteKafkaContainer> {

    private final int port;

    public SuiteKafkaContainer() {
        super(ContainerImages.suite("kafka"));
        this.port = freePort();
        withFixedExposedPort(port, port);
        withEnv("TLSUITE_KAFKA_PORT", String.valueOf(port));
        withEnv("KAFKA_LISTENERS", "EXTERNAL://:" + port + ",CONTROLLER://:9093");
        withEnv("KAFKA_ADVERTISED_LISTENERS", "EXTERNAL://localhost:" + port);
        withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "EXTERNAL");
        withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093");
        waitingFor(
                Wait.forLogMessage(".*Kafka broker ready.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    /**
     * Every client must log in as one of {@code users} (principal to password): the users file the
     * compose file mounts as a secret, here copied into the container before it starts.
     */
    public SuiteKafkaContainer withUsers(Map<String, String> users) {
        StringBuilder file = new StringBuilder();
        users.forEach(
                (user, password) -> file.append(user).append('=').append(password).append('\n'));
        withCopyToContainer(Transferable.of(file.toString(), 0444), USERS_FILE);
        return withEnv("TLSUITE_KAFKA_USERS_FILE", USERS_FILE);
    }

    private static final String USERS_FILE = "/tmp/tlsuite-kafka-users.properties";

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops and starts this same container (its data stays): a broker outage. */
    public void restart(Duration stopTimeout) {
        var docker = getDockerClient();
        docker.stopContainerCmd(getContainerId()).withTimeout((int) stopTimeout.toSeconds()).exec();
        docker.startContainerCmd(getContainerId()).exec();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
