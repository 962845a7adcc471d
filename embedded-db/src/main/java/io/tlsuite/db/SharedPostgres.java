package io.tlsuite.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The PostgreSQL server of a test JVM, chosen once by {@link ServerChoice}: {@code
 * TLSUITE_TEST_POSTGRES_URL} (with {@code _USER}, {@code _PASSWORD}), else the machine's on
 * 127.0.0.1:5432 (unless {@code TLSUITE_TEST_MACHINE_DBS=false}), else an embedded server on a free
 * port in a temporary directory, stopped and deleted when the JVM exits. Each setting is a system
 * property or an environment variable.
 *
 * <p>Quarkus loads test resources and test classes in different class loaders, so the choice is
 * kept in a system property (one per JVM) rather than a static field (one per class loader); the
 * JVM-wide {@code System.getProperties()} object serves as the lock for the same reason.
 */
public final class SharedPostgres {

    static final String CHOSEN = "tlsuite.test.postgres.chosen";

    private static final System.Logger LOG = System.getLogger(SharedPostgres.class.getName());

    private SharedPostgres() {}

    /** The server every test of this JVM uses; starts the embedded one on first call if needed. */
    public static PostgresServer get() {
        synchronized (System.getProperties()) {
            String chosen = System.getProperty(CHOSEN);
            if (chosen != null) {
                return decode(chosen);
            }
            long start = System.nanoTime();
            PostgresServer server;
            try {
                server =
                        ServerChoice.postgres(
                                Setting.of("TLSUITE_TEST_POSTGRES_URL"),
                                Setting.of("TLSUITE_TEST_POSTGRES_USER")
                                        .orElse(EmbeddedPostgres.ROLE),
                                password(),
                                !"false"
                                        .equalsIgnoreCase(
                                                Setting.of("TLSUITE_TEST_MACHINE_DBS")
                                                        .orElse("true")),
                                SharedPostgres::startEmbedded);
            } catch (IOException e) {
                throw new UncheckedIOException("no PostgreSQL for the tests: " + e.getMessage(), e);
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Tests use {0} ({1} ms): {2}",
                    server.label(),
                    (System.nanoTime() - start) / 1_000_000,
                    server.why());
            System.setProperty(CHOSEN, encode(server));
            return server;
        }
    }

    private static String password() {
        return Setting.of("TLSUITE_TEST_POSTGRES_PASSWORD").orElse("");
    }

    private static PostgresServer startEmbedded(String why) throws IOException {
        // searchable by others: as root, PostgreSQL runs as another account that must reach data/
        Path dir =
                Files.createTempDirectory(
                        "tlsuite-test-postgres-",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        EmbeddedPostgres pg;
        try {
            pg =
                    EmbeddedPostgres.start(
                            dir.resolve("data"), port, false, dir.resolve("postgres.log"));
        } catch (IOException | RuntimeException e) {
            // the exception carries initdb's output or the log's tail: nothing to keep
            PostgresBinaries.deleteTree(dir);
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    pg.close();
                                    PostgresBinaries.deleteTree(dir);
                                },
                                "postgres-test-shutdown"));
        return pg.server(
                Origin.EMBEDDED,
                why + "; started (pid " + pg.pid() + ", log " + dir.resolve("postgres.log") + ")");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String encode(PostgresServer s) {
        return String.join(
                "\u0001", s.origin().name(), s.hostPort(), s.params(), s.user(), s.why());
    }

    private static PostgresServer decode(String s) {
        String[] f = s.split("\u0001", -1);
        return new PostgresServer(f[1], f[2], f[3], password(), Origin.valueOf(f[0]), f[4]);
    }
}
