package io.tlsuite.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code ./suite up} runs to get its databases: picks a PostgreSQL and/or a Redis by the rule
 * of {@link ServerChoice}, starts the embedded ones (with their data in the given directories, so
 * they survive restarts), creates the database, writes the choice to an env file for the launcher,
 * prints {@code Databases ready: ...}, and then keeps the embedded servers running until SIGTERM.
 * When nothing had to be started it exits at once with status 0.
 */
@Command(
        name = "embedded-db",
        mixinStandardHelpOptions = true,
        description = "Finds or starts a real PostgreSQL and Redis for the TLS suite.")
public final class DatabasesMain implements Callable<Integer> {

    @Option(
            names = "--postgres-database",
            description =
                    "Provide PostgreSQL, with this database created on it (unset: no PostgreSQL).")
    String database;

    @Option(
            names = "--postgres-url",
            defaultValue = "${env:SUITE_POSTGRES_URL}",
            description =
                    "A server to use (jdbc:postgresql://host:port/); its password comes from"
                            + " SUITE_POSTGRES_PASSWORD (default: $SUITE_POSTGRES_URL).")
    String postgresUrl;

    @Option(
            names = "--postgres-user",
            defaultValue = "${env:SUITE_POSTGRES_USER:-postgres}",
            description = "Role on the configured server (default: ${DEFAULT-VALUE}).")
    String postgresUser;

    @Option(
            names = "--postgres-port",
            defaultValue = "15432",
            description = "Port of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(
            names = "--postgres-data-dir",
            defaultValue = ".suite/postgres",
            description = "Cluster of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
    Path postgresDataDir;

    @Option(names = "--redis", description = "Provide Redis.")
    boolean redis;

    @Option(
            names = "--redis-url",
            defaultValue = "${env:SUITE_REDIS_URL}",
            description =
                    "A server to use (redis://[:password@]host:port) (default: $SUITE_REDIS_URL).")
    String redisUrl;

    @Option(
            names = "--redis-port",
            defaultValue = "16379",
            description = "Port of the embedded Redis (default: ${DEFAULT-VALUE}).")
    int redisPort;

    @Option(
            names = "--redis-data-dir",
            defaultValue = ".suite/redis",
            description =
                    "Append-only file and snapshots of the embedded Redis (default: ${DEFAULT-VALUE}).")
    Path redisDataDir;

    @Option(
            names = "--machine-servers",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Use the machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) when"
                            + " they answer (default: ${DEFAULT-VALUE}).")
    boolean machineServers;

    @Option(
            names = "--env-file",
            description = "Write the choice here as shell assignments (POSTGRES_*, REDIS_*).")
    Path envFile;

    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean stopping;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopAll();
                                    stopped.countDown();
                                },
                                "databases-shutdown"));
        List<String> env = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        try {
            if (database != null) {
                PostgresServer pg =
                        ServerChoice.postgres(
                                Optional.ofNullable(postgresUrl).filter(s -> !s.isBlank()),
                                postgresUser,
                                Optional.ofNullable(System.getenv("SUITE_POSTGRES_PASSWORD"))
                                        .orElse(""),
                                machineServers,
                                this::startPostgres);
                pg.createDatabaseIfMissing(database);
                System.out.println("PostgreSQL: " + pg + "; database " + database);
                env.add(assign("POSTGRES_ORIGIN", pg.origin().label()));
                env.add(assign("POSTGRES_LABEL", pg.label()));
                env.add(assign("POSTGRES_JDBC_URL", pg.jdbcUrl(database)));
                env.add(assign("POSTGRES_USER", pg.user()));
                env.add(assign("POSTGRES_SERVER_PORT", Integer.toString(pg.port())));
                ready.add(pg.label() + " database " + database);
            }
            if (redis) {
                RedisServer r =
                        ServerChoice.redis(
                                Optional.ofNullable(redisUrl).filter(s -> !s.isBlank()),
                                machineServers,
                                this::startRedis);
                System.out.println("Redis: " + r);
                env.add(assign("REDIS_ORIGIN", r.origin().label()));
                env.add(assign("REDIS_LABEL", r.label()));
                // a configured URI may hold a password: the launcher has it already
                env.add(assign("REDIS_URL", r.origin() == Origin.CONFIGURED ? "" : r.uri()));
                env.add(assign("REDIS_SERVER_PORT", Integer.toString(r.port())));
                ready.add(r.label());
            }
        } catch (IOException
                | java.sql.SQLException
                | IllegalArgumentException
                | IllegalStateException e) {
            System.err.println("embedded-db: " + e.getMessage());
            return 2;
        }
        synchronized (this) {
            env.add(assign("DATABASES_PROCESS", started.isEmpty() ? "exits" : "runs"));
        }
        if (envFile != null) {
            Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
            Files.write(tmp, env);
            Files.move(
                    tmp,
                    envFile,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf(
                "Databases ready: %s in %d ms%n",
                String.join(", ", ready), (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        synchronized (this) {
            if (started.isEmpty()) {
                return 0;
            }
        }
        stopped.await();
        return 0;
    }

    private PostgresServer startPostgres(String why) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.start(postgresDataDir, postgresPort, true, null);
        keep(pg);
        return pg.server(
                Origin.EMBEDDED,
                why + "; started (pid " + pg.pid() + ", data in " + pg.dataDir() + ")");
    }

    private RedisServer startRedis(String why) throws IOException {
        EmbeddedRedis r =
                EmbeddedRedis.start(
                        redisPort, redisDataDir, line -> System.out.println("redis: " + line));
        keep(r);
        return r.server(
                Origin.EMBEDDED, why + "; started (data in " + redisDataDir.toAbsolutePath() + ")");
    }

    /**
     * Keeps a started server for the shutdown hook, or stops it at once if SIGTERM came meanwhile.
     */
    private synchronized void keep(AutoCloseable server) throws IOException {
        if (stopping) {
            try {
                server.close();
            } catch (Exception e) {
                // stopping anyway
            }
            throw new IOException("stopped while starting");
        }
        started.add(server);
    }

    private synchronized void stopAll() {
        stopping = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("embedded-db: stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    /** {@code NAME='value'}, safe for the shell's {@code source}. */
    static String assign(String name, String value) {
        return name + "='" + value.replace("'", "'\\''") + "'";
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DatabasesMain()).execute(args));
    }
}
