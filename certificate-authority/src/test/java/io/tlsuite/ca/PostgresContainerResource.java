package io.tlsuite.ca;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tlsuite.containers.ContainerImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * PostgreSQL in a container of the suite's image ({@code tlsuite/postgres-local}, Debian's
 * PostgreSQL; the official image with {@code -Dtlsuite.test.postgres-image=postgres:16}), set up
 * the way the compose file sets it up: database {@code tlsuite_ca}, user {@code tlsuite}, a
 * password, nothing else. The CA runs its Flyway migrations into it from scratch.
 */
public class PostgresContainerResource implements QuarkusTestResourceLifecycleManager {

    /** The JDBC URL of the running container, for the test's own queries. */
    static final String JDBC_URL = "tlsuite-test.postgres-container-url";

    static final String USER = "tlsuite";
    static final String PASSWORD = "container-test-password";

    private GenericContainer<?> postgres;

    @Override
    public Map<String, String> start() {
        String image =
                System.getProperty(
                        "tlsuite.test.postgres-image", ContainerImages.suite("postgres-local"));
        postgres =
                new GenericContainer<>(image)
                        .withExposedPorts(5432)
                        .withEnv("POSTGRES_DB", "tlsuite_ca")
                        .withEnv("POSTGRES_USER", USER)
                        .withEnv("POSTGRES_PASSWORD", PASSWORD)
                        .waitingFor(
                                Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
        postgres.start();
        String url =
                "jdbc:postgresql://"
                        + postgres.getHost()
                        + ":"
                        + postgres.getMappedPort(5432)
                        + "/tlsuite_ca";
        System.setProperty(JDBC_URL, url);
        String dataDir;
        try {
            dataDir = Files.createTempDirectory("tlsuite-ca-container-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.h2.active", "false",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.datasource.postgresql.jdbc.url", url,
                "quarkus.datasource.postgresql.username", USER,
                "quarkus.datasource.postgresql.password", PASSWORD,
                "tlsuite.data-dir", dataDir);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.stop();
        }
        System.clearProperty(JDBC_URL);
    }
}
