package io.tlsuite.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void aJdbcUrlKeepsItsHostsAndParametersAndDropsItsDatabase() {
        PostgresServer s =
                PostgresServer.fromJdbcUrl(
                        "jdbc:postgresql://db.example:6432/app?sslmode=require",
                        "ca",
                        "s3cret",
                        Origin.CONFIGURED,
                        "configured");
        assertThat(s.hostPort()).isEqualTo("db.example:6432");
        assertThat(s.port()).isEqualTo(6432);
        assertThat(s.jdbcUrl("tlsuite_ca"))
                .isEqualTo("jdbc:postgresql://db.example:6432/tlsuite_ca?sslmode=require");
        assertThat(PostgresServer.databaseOf("jdbc:postgresql://h:1/app?x=y")).contains("app");
        assertThat(PostgresServer.databaseOf("jdbc:postgresql://h:1/")).isEmpty();
    }

    @Test
    void withoutAPortTheUrlMeansTheStandardOne() {
        assertThat(
                        PostgresServer.fromJdbcUrl(
                                        "jdbc:postgresql://db/", "u", "", Origin.CONFIGURED, "c")
                                .port())
                .isEqualTo(5432);
    }

    @Test
    void thePasswordNeverAppearsInWhatIsPrinted() {
        PostgresServer s =
                PostgresServer.fromJdbcUrl(
                        "jdbc:postgresql://127.0.0.1:5432/",
                        "ca",
                        "s3cret",
                        Origin.MACHINE,
                        "answers");
        assertThat(s.toString())
                .doesNotContain("s3cret")
                .contains("PostgreSQL (machine, port 5432)");
        assertThat(s.label()).isEqualTo("PostgreSQL (machine, port 5432)");
    }

    @Test
    void somethingElseThanAPostgresUrlIsRefusedWithTheReason() {
        assertThatThrownBy(
                        () ->
                                PostgresServer.fromJdbcUrl(
                                        "postgres://h/db", "u", "", Origin.CONFIGURED, "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void onlyPlainDatabaseNamesAreCreated() {
        PostgresServer s =
                PostgresServer.fromJdbcUrl(
                        "jdbc:postgresql://127.0.0.1:1/", "u", "", Origin.CONFIGURED, "c");
        assertThatThrownBy(() -> s.createDatabaseIfMissing("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shellAssignmentsSurviveQuotes() {
        assertThat(DatabasesMain.assign("A", "it's")).isEqualTo("A='it'\\''s'");
    }
}
