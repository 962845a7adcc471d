package io.tlsuite.sessionstore.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tlsuite.containers.ContainerImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Redis in a container of the suite's image ({@code tlsuite/redis-local}, Debian's Redis; the
 * official {@code redis:7} with {@code -Dtlsuite.test.redis-image=redis:7}), started as the compose
 * file starts it (append-only file on). A fixed free host port, so that a restart of the container
 * keeps the address the service was configured with.
 */
public class RedisContainerResource implements QuarkusTestResourceLifecycleManager {

    static final String CONTAINER_ID = "tlsuite-test.redis-container";
    static final String URL = "tlsuite-test.redis-url";
    static FixedHostPortGenericContainer<?> redis;

    static String image() {
        return System.getProperty("tlsuite.test.redis-image", ContainerImages.suite("redis-local"));
    }

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redis =
                new FixedHostPortGenericContainer<>(image())
                        .withFixedExposedPort(port, 6379)
                        .withCommand(
                                "redis-server",
                                "--appendonly",
                                "yes",
                                "--protected-mode",
                                "no",
                                "--dir",
                                "/data")
                        .waitingFor(
                                Wait.forLogMessage(".*Ready to accept connections.*", 1)
                                        .withStartupTimeout(Duration.ofMinutes(1)));
        redis.start();
        // Test class and resource may live in different class loaders: system properties reach
        // both.
        System.setProperty(CONTAINER_ID, redis.getContainerId());
        System.setProperty(URL, "redis://localhost:" + port);
        return Map.of("quarkus.redis.hosts", "redis://localhost:" + port);
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
        System.clearProperty(CONTAINER_ID);
        System.clearProperty(URL);
    }
}
