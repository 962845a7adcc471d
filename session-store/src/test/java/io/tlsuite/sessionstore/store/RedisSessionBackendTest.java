package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.tlsuite.db.SharedRedis;
import io.tlsuite.sessionstore.domain.BackendUnavailableException;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real Redis: the test JVM's {@link SharedRedis} (a configured server, else
 * the machine's on 127.0.0.1:6379, else an embedded one; the log says which). Each test uses its
 * own key prefix and deletes it afterwards. Where no Redis can be had (no embedded binary for this
 * platform) the class is skipped with the reason.
 */
class RedisSessionBackendTest extends SessionRegistryContract {

    static String url;

    private static Vertx vertx;
    private static final List<Redis> clients = new ArrayList<>();
    private String prefix;
    private RedisSessionBackend current;

    @BeforeAll
    static void connect() {
        url = redisOrSkip();
        vertx = Vertx.vertx();
        try {
            open().execute("PING");
        } catch (RuntimeException e) {
            Assumptions.abort("no Redis at " + SharedRedis.get().label() + ": " + e.getMessage());
        }
    }

    @AfterAll
    static void disconnect() {
        clients.forEach(Redis::close);
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    /** The shared Redis's URI, or the class is skipped with the reason none could be had. */
    static String redisOrSkip() {
        try {
            return SharedRedis.get().uri();
        } catch (RuntimeException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }

    static BlockingRedisDataSourceImpl open() {
        Redis redis = Redis.createClient(vertx, url);
        clients.add(redis);
        return new BlockingRedisDataSourceImpl(
                vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(10));
    }

    @Override
    protected SessionBackend newBackend() {
        prefix = "tlsuite:test:" + UUID.randomUUID() + ":";
        current = new RedisSessionBackend(open(), prefix);
        return current;
    }

    /** A new connection, as a restarted service would make. */
    @Override
    protected SessionBackend reopen() {
        return new RedisSessionBackend(open(), prefix);
    }

    @Test
    void anUnreachableRedisIsReportedAsUnavailableNotAsABug() {
        Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:1");
        clients.add(nowhere);
        RedisSessionBackend down =
                new RedisSessionBackend(
                        new BlockingRedisDataSourceImpl(
                                vertx, nowhere, RedisAPI.api(nowhere), Duration.ofSeconds(2)),
                        "tlsuite:test:down:");
        assertThatThrownBy(down::ping).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> down.find("x")).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void scriptsRunAgainAfterRedisForgetsThem() {
        // Scripts go by SHA-1 (EVALSHA); a restarted or flushed Redis answers NOSCRIPT once.
        String a = newId();
        registry.register(request(a, "0F", null), keys());
        open().execute("SCRIPT", "FLUSH");
        String b = newId();
        registry.register(request(b, "0F", null), keys());
        open().execute("SCRIPT", "FLUSH");
        var ending = registry.close(a, "client", "close_notify");
        org.assertj.core.api.Assertions.assertThat(ending.session().state())
                .isEqualTo(io.tlsuite.sessionstore.domain.SessionState.CLOSED);
        org.assertj.core.api.Assertions.assertThat(ending.alreadyEnded()).isFalse();
        org.assertj.core.api.Assertions.assertThat(registry.get(b).isActive()).isTrue();
    }

    @AfterEach
    void dropKeys() {
        if (current != null) {
            current.clear();
        }
    }
}
