package io.tlsuite.ca;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tlsuite.db.PostgresServer;
import io.tlsuite.db.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Points the CA at a real PostgreSQL: the test JVM's {@link SharedPostgres} (a configured server,
 * else the machine's on 127.0.0.1:5432, else an embedded one; the log says which and why). Creates
 * the database {@code tlsuite_ca_test} if missing and a fresh schema of its own in it (so
 * concurrent builds of this module never share tables), where Flyway migrates from scratch; gives
 * the CA a fresh key directory. The schema is dropped when the tests end.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "tlsuite_ca_test";

    private PostgresServer server;
    private String schema;

    @Override
    public Map<String, String> start() {
        server = SharedPostgres.get();
        try {
            server.createDatabaseIfMissing(DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + DATABASE + " on " + server, e);
        }
        schema = "ca_test_" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 1);
        try (Connection c = server.connect(DATABASE);
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
        String url = server.jdbcUrl(DATABASE);
        return Map.of(
                "quarkus.datasource.h2.active",
                "false",
                "quarkus.datasource.postgresql.active",
                "true",
                "quarkus.datasource.postgresql.jdbc.url",
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "quarkus.flyway.postgresql.schemas",
                schema,
                "quarkus.datasource.postgresql.username",
                server.user(),
                "quarkus.datasource.postgresql.password",
                server.password(),
                "tlsuite.data-dir",
                dataDir);
    }

    @Override
    public void stop() {
        try (Connection c = server.connect(DATABASE);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // best effort: a leftover schema only takes a little space
        }
    }
}
