package io.tlsuite.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order of the rule, with servers that are certainly absent (a port nobody listens on). */
class ServerChoiceTest {

    @Test
    void aConfiguredPostgresThatDoesNotAnswerIsAnErrorNotAFallback() throws IOException {
        int closed = closedPort();
        AtomicReference<String> started = new AtomicReference<>();
        assertThatThrownBy(
                        () ->
                                ServerChoice.postgres(
                                        Optional.of("jdbc:postgresql://127.0.0.1:" + closed + "/"),
                                        "postgres",
                                        "",
                                        true,
                                        why -> {
                                            started.set(why);
                                            return null;
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("configured PostgreSQL 127.0.0.1:" + closed)
                .hasMessageContaining("does not answer");
        assertThat(started.get()).isNull();
    }

    @Test
    void aConfiguredRedisThatDoesNotAnswerIsAnErrorNotAFallback() throws IOException {
        int closed = closedPort();
        assertThatThrownBy(
                        () ->
                                ServerChoice.redis(
                                        Optional.of("redis://127.0.0.1:" + closed),
                                        true,
                                        why -> {
                                            throw new AssertionError("started: " + why);
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("configured Redis 127.0.0.1:" + closed);
    }

    @Test
    void withoutConfigurationAndWithoutTheMachineTheEmbeddedOneIsStartedWithTheReason()
            throws IOException {
        RedisServer chosen =
                ServerChoice.redis(
                        Optional.empty(), false, why -> RedisServer.local(1, Origin.EMBEDDED, why));
        assertThat(chosen.origin()).isEqualTo(Origin.EMBEDDED);
        assertThat(chosen.why()).contains("none configured");
        PostgresServer pg =
                ServerChoice.postgres(
                        Optional.empty(),
                        "postgres",
                        "",
                        false,
                        why ->
                                new PostgresServer(
                                        "127.0.0.1:1", "", "postgres", "", Origin.EMBEDDED, why));
        assertThat(pg.origin()).isEqualTo(Origin.EMBEDDED);
        assertThat(pg.why()).contains("the machine's server not wanted");
    }

    @Test
    void aRedisPortThatAnswersSomethingElseIsNotTakenForRedis() throws IOException {
        int closed = closedPort();
        assertThat(RedisServer.local(closed, Origin.MACHINE, "x").problem())
                .hasValueSatisfying(p -> assertThat(p).contains("Connect"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
