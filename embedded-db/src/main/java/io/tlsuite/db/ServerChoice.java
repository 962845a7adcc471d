package io.tlsuite.db;

import java.io.IOException;
import java.util.Optional;

/**
 * The one rule for finding a database server, shared by the tests and {@code ./suite up}: a server
 * named by configuration (which must answer: a configured server that does not is an error, not a
 * reason to quietly use another); else the machine's own on its standard port, if it answers and
 * lets us in; else an embedded one, started by the caller.
 */
public final class ServerChoice {

    /** The machine's PostgreSQL as Debian/Ubuntu packages and CI set it up: trust for postgres. */
    public static final String MACHINE_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    public static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

    /** Starts an embedded server when nothing else is there. */
    @FunctionalInterface
    public interface Starter<T> {
        T start(String why) throws IOException;
    }

    private ServerChoice() {}

    /**
     * @param configuredUrl a JDBC URL, if one is configured
     * @param user role for the configured server
     * @param password its password (empty for none)
     * @param machine whether to try the machine's server on 127.0.0.1:5432
     */
    public static PostgresServer postgres(
            Optional<String> configuredUrl,
            String user,
            String password,
            boolean machine,
            Starter<PostgresServer> embedded)
            throws IOException {
        if (configuredUrl.isPresent()) {
            PostgresServer configured =
                    PostgresServer.fromJdbcUrl(
                            configuredUrl.get(), user, password, Origin.CONFIGURED, "configured");
            Optional<String> problem = configured.problem();
            if (problem.isPresent()) {
                throw new IOException(
                        "the configured PostgreSQL "
                                + configured.hostPort()
                                + " does not answer: "
                                + problem.get());
            }
            return configured;
        }
        String why;
        if (machine) {
            PostgresServer local =
                    PostgresServer.fromJdbcUrl(
                            MACHINE_POSTGRES,
                            EmbeddedPostgres.ROLE,
                            "",
                            Origin.MACHINE,
                            "none configured; 127.0.0.1:5432 answers");
            Optional<String> problem = local.problem();
            if (problem.isEmpty()) {
                return local;
            }
            why =
                    "none configured; 127.0.0.1:5432 does not let us in ("
                            + firstLine(problem.get())
                            + ")";
        } else {
            why = "none configured; the machine's server not wanted";
        }
        return embedded.start(why);
    }

    /**
     * @param configuredUrl a {@code redis://} URI, if one is configured
     * @param machine whether to try the machine's server on 127.0.0.1:6379
     */
    public static RedisServer redis(
            Optional<String> configuredUrl, boolean machine, Starter<RedisServer> embedded)
            throws IOException {
        if (configuredUrl.isPresent()) {
            RedisServer configured =
                    new RedisServer(configuredUrl.get(), Origin.CONFIGURED, "configured");
            Optional<String> problem = configured.problem();
            if (problem.isPresent()) {
                throw new IOException(
                        "the configured Redis "
                                + configured.host()
                                + ":"
                                + configured.port()
                                + " does not answer: "
                                + problem.get());
            }
            return configured;
        }
        String why;
        if (machine) {
            RedisServer local =
                    new RedisServer(
                            MACHINE_REDIS,
                            Origin.MACHINE,
                            "none configured; 127.0.0.1:6379 answers");
            Optional<String> problem = local.problem();
            if (problem.isEmpty()) {
                return local;
            }
            why =
                    "none configured; 127.0.0.1:6379 does not answer PING ("
                            + firstLine(problem.get())
                            + ")";
        } else {
            why = "none configured; the machine's server not wanted";
        }
        return embedded.start(why);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
