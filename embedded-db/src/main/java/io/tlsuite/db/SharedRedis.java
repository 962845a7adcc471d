package io.tlsuite.db;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Redis server of a test JVM, chosen once by {@link ServerChoice}: {@code
 * TLSUITE_TEST_REDIS_URL} ({@code redis://[:password@]host:port}), else the machine's on
 * 127.0.0.1:6379 (unless {@code TLSUITE_TEST_MACHINE_DBS=false}), else an embedded server on a free
 * port that persists nothing, stopped when the JVM exits. Kept in a system property for the same
 * class-loader reason as {@link SharedPostgres}.
 */
public final class SharedRedis {

    static final String CHOSEN = "tlsuite.test.redis.chosen";

    private static final System.Logger LOG = System.getLogger(SharedRedis.class.getName());

    private SharedRedis() {}

    /** The server every test of this JVM uses; starts the embedded one on first call if needed. */
    public static RedisServer get() {
        synchronized (System.getProperties()) {
            String chosen = System.getProperty(CHOSEN);
            if (chosen != null) {
                String[] f = chosen.split("\u0001", -1);
                Origin origin = Origin.valueOf(f[0]);
                // a configured URI may carry a password: read it again rather than keep it here
                String uri =
                        origin == Origin.CONFIGURED
                                ? Setting.of("TLSUITE_TEST_REDIS_URL").orElseThrow()
                                : f[1];
                return new RedisServer(uri, origin, f[2]);
            }
            long start = System.nanoTime();
            RedisServer server;
            try {
                server =
                        ServerChoice.redis(
                                Setting.of("TLSUITE_TEST_REDIS_URL"),
                                !"false"
                                        .equalsIgnoreCase(
                                                Setting.of("TLSUITE_TEST_MACHINE_DBS")
                                                        .orElse("true")),
                                SharedRedis::startEmbedded);
            } catch (IOException e) {
                throw new UncheckedIOException("no Redis for the tests: " + e.getMessage(), e);
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Tests use {0} ({1} ms): {2}",
                    server.label(),
                    (System.nanoTime() - start) / 1_000_000,
                    server.why());
            System.setProperty(
                    CHOSEN,
                    String.join(
                            "\u0001",
                            server.origin().name(),
                            server.origin() == Origin.CONFIGURED ? "" : server.uri(),
                            server.why()));
            return server;
        }
    }

    private static RedisServer startEmbedded(String why) throws IOException {
        EmbeddedRedis redis =
                EmbeddedRedis.start(
                        SharedPostgres.freePort(),
                        null,
                        line -> LOG.log(System.Logger.Level.DEBUG, "redis: {0}", line));
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-test-shutdown"));
        return redis.server(Origin.EMBEDDED, why + "; started");
    }
}
