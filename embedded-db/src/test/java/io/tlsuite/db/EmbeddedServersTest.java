package io.tlsuite.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded servers for real: start, use, stop, start again on the same data. As root (CI, these
 * machines) this is the proof that PostgreSQL runs through the unprivileged account.
 */
class EmbeddedServersTest {

    @TempDir Path dir;

    @Test
    void postgresStartsServesKeepsItsDataAcrossARestartAndNeverRunsAsRoot() throws Exception {
        // as root, PostgreSQL runs as another account, which must be able to reach its data
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("pg");
        int port = SharedPostgres.freePort();
        try (EmbeddedPostgres pg =
                EmbeddedPostgres.start(data, port, false, dir.resolve("pg.log"))) {
            PostgresServer server = pg.server(Origin.EMBEDDED, "test");
            assertThat(server.problem()).isEmpty();
            server.createDatabaseIfMissing("kept");
            server.createDatabaseIfMissing("kept"); // a second call finds it
            try (Connection c = server.connect("kept");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('survives')");
            }
            if (UnprivilegedAccount.weAreRoot()) {
                String user = ProcessHandle.of(pg.pid()).orElseThrow().info().user().orElse("?");
                assertThat(user).isNotEqualTo("root");
                assertThat(Files.getOwner(data).getName()).isEqualTo(user);
            }
        }
        assertThat(
                        new PostgresServer(
                                        "127.0.0.1:" + port,
                                        "",
                                        "postgres",
                                        "",
                                        Origin.EMBEDDED,
                                        "x")
                                .problem())
                .as("stopped")
                .isPresent();
        try (EmbeddedPostgres again =
                EmbeddedPostgres.start(data, port, false, dir.resolve("pg.log"))) {
            try (Connection c = again.server(Origin.EMBEDDED, "test").connect("kept");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives");
            }
        }
    }

    @Test
    void redisStartsAnswersAndStops() throws Exception {
        int port = SharedPostgres.freePort();
        RedisServer server;
        try (EmbeddedRedis redis = EmbeddedRedis.start(port, dir.resolve("redis"), line -> {})) {
            server = redis.server(Origin.EMBEDDED, "test");
            assertThat(server.problem()).isEmpty();
            assertThat(server.label()).isEqualTo("Redis (embedded, port " + port + ")");
        }
        assertThat(server.problem()).isPresent();
        assertThat(dir.resolve("redis/appendonly.aof")).exists();
    }
}
