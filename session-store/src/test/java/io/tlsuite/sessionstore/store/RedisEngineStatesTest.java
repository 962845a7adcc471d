package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.tlsuite.db.SharedRedis;
import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import io.tlsuite.sessionstore.domain.EngineStateStatus;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real Redis ({@link SharedRedis}); skipped with the reason without one. */
class RedisEngineStatesTest extends EngineStatesContract {

    private static Vertx vertx;
    private static Redis redis;
    private static BlockingRedisDataSourceImpl source;
    private String prefix;
    private RedisEngineStateBackend current;

    @BeforeAll
    static void connect() {
        String url = RedisSessionBackendTest.redisOrSkip();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, url);
        source =
                new BlockingRedisDataSourceImpl(
                        vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(10));
        try {
            source.execute("PING");
        } catch (RuntimeException e) {
            Assumptions.abort("no Redis at " + SharedRedis.get().label() + ": " + e.getMessage());
        }
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    @Override
    protected EngineStateBackend newBackend() {
        prefix = "tlsuite:test-es:" + UUID.randomUUID() + ":";
        current = new RedisEngineStateBackend(source, prefix);
        return current;
    }

    @Test
    void tombstonesCarryARedisExpiryAtTheirPurgeTime() {
        String id = id();
        states.create(id, EngineStateKind.HANDSHAKE, bytes("a"), TTL);
        long activeTtl = source.execute("PTTL", prefix + "es:" + id).toLong();
        // time to live (30 s) plus the tombstone retention (15 min), give or take the clock
        assertThat(activeTtl).isBetween(900_000L, 935_000L);
        states.end(id, 1L, "complete");
        long endedTtl = source.execute("PTTL", prefix + "es:" + id).toLong();
        assertThat(endedTtl).isBetween(890_000L, 905_000L);
        assertThat(source.execute("HEXISTS", prefix + "es:" + id, "sealed").toInteger()).isZero();
    }

    @Test
    void writesRunAgainAfterRedisForgetsItsScripts() {
        // Writes go by SHA-1 (EVALSHA) and answer with the state after them (no second read); a
        // restarted or flushed Redis answers NOSCRIPT once, and the write runs from its text.
        String id = id();
        assertThat(states.create(id, EngineStateKind.SESSION, bytes("v1"), TTL).version())
                .isEqualTo(1);
        source.execute("SCRIPT", "FLUSH");
        EngineState v2 = states.replace(id, 1, EngineStateKind.SESSION, bytes("v2"), TTL);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.status()).isEqualTo(EngineStateStatus.ACTIVE);
        source.execute("SCRIPT", "FLUSH");
        var ending = states.end(id, 2L, "closed");
        assertThat(ending.alreadyEnded()).isFalse();
        assertThat(ending.state().status()).isEqualTo(EngineStateStatus.ENDED);
        assertThat(ending.state().endReason()).isEqualTo("closed");
        assertThat(states.end(id, 3L, "again").alreadyEnded()).isTrue();
    }

    @AfterEach
    void dropKeys() {
        if (current != null) {
            current.clear();
        }
    }
}
