package io.tlsuite.ca;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Points the CA at the machine's real PostgreSQL (127.0.0.1:5432, user postgres, trust auth):
 * creates the database {@code tlsuite_ca_test} if missing and a fresh schema of its own in it (so
 * concurrent builds of this module never share tables), where Flyway migrates from scratch; gives
 * the CA a fresh key directory. The schema is dropped when the tests end.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String DATABASE = "tlsuite_ca_test";

    private String schema;

    @Override
    public Map<String, String> start() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                s.setString(1, DATABASE);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = c.createStatement()) {
                            create.execute("CREATE DATABASE " + DATABASE);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at 127.0.0.1:5432 is needed for the tests", e);
        }
        schema = "ca_test_" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1);
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema in " + DATABASE, e);
        }
        String dataDir;
        try {
            dataDir = Files.createTempDirectory("tlsuite-ca-test-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.h2.active",
                "false",
                "quarkus.datasource.postgresql.active",
                "true",
                "quarkus.datasource.postgresql.jdbc.url",
                SERVER + DATABASE + "?currentSchema=" + schema,
                "quarkus.flyway.postgresql.schemas",
                schema,
                "quarkus.datasource.postgresql.username",
                "postgres",
                "tlsuite.data-dir",
                dataDir);
    }

    @Override
    public void stop() {
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // best effort: a leftover schema only takes a little space
        }
    }
}
