package io.tlsuite.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server to use: where it is, who to log in as, and why it was chosen. The password is
 * held but never printed ({@link #toString()} leaves it out).
 *
 * @param hostPort {@code host:port} (or several, comma-separated, as the JDBC driver accepts)
 * @param params JDBC URL parameters to keep ({@code sslmode=require&...}), empty for none
 * @param user login role
 * @param password its password, empty for trust authentication
 * @param origin where the server came from
 * @param why one sentence: why this server was chosen
 */
public record PostgresServer(
        String hostPort, String params, String user, String password, Origin origin, String why) {

    private static final Pattern JDBC_URL =
            Pattern.compile("^jdbc:postgresql://([^/?]+)(?:/([^?]*))?(?:\\?(.*))?$");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The server of a JDBC URL ({@code jdbc:postgresql://host:port[/database][?params]}). */
    public static PostgresServer fromJdbcUrl(
            String url, String user, String password, Origin origin, String why) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/[database]): " + url);
        }
        return new PostgresServer(
                m.group(1), m.group(3) == null ? "" : m.group(3), user, password, origin, why);
    }

    /** The database of the configured URL, if it names one. */
    static Optional<String> databaseOf(String url) {
        Matcher m = JDBC_URL.matcher(url);
        return m.matches() && m.group(2) != null && !m.group(2).isEmpty()
                ? Optional.of(m.group(2))
                : Optional.empty();
    }

    /** The JDBC URL of one database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://"
                + hostPort
                + "/"
                + database
                + (params.isEmpty() ? "" : "?" + params);
    }

    /** The port of the first host (5432 when the URL gives none). */
    public int port() {
        String first = hostPort.split(",")[0];
        int colon = first.lastIndexOf(':');
        return colon < 0 || first.endsWith("]")
                ? 5432
                : Integer.parseInt(first.substring(colon + 1));
    }

    /** What a person reads: {@code PostgreSQL (embedded, port 15432)}. */
    public String label() {
        return "PostgreSQL ("
                + origin.label()
                + ", "
                + (origin == Origin.CONFIGURED ? hostPort : "port " + port())
                + ")";
    }

    /** A connection to {@code database}, giving up within a few seconds when nothing answers. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /**
     * Logs in to the {@code postgres} database and runs {@code SELECT 1}.
     *
     * @return empty when the server answers, else why not (one line)
     */
    public Optional<String> problem() {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Creates {@code database} unless it exists; two builds racing to create it both succeed. */
    public void createDatabaseIfMissing(String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect("postgres")) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                s.setString(1, database);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                // 42P04 duplicate_database: another JVM created it between our check and ours
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String toString() {
        return label() + " as " + user + ": " + why;
    }
}
