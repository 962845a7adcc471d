package io.tlsuite.sessionstore.api;

import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.db.SharedRedis;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.sessionstore.store.RedisEngineStateBackend;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The same engine-state API tests with states in a real Redis ({@link SharedRedis}). */
@QuarkusTest
@TestProfile(RedisBackendProfile.class)
@WithTestResource(KafkaBrokerTestResource.class)
class RedisEngineStateApiTest extends EngineStateApiContract {

    @AfterAll
    static void dropKeys() {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, SharedRedis.get().uri());
        try {
            new RedisEngineStateBackend(
                            new BlockingRedisDataSourceImpl(
                                    vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(10)),
                            RedisBackendProfile.PREFIX)
                    .clear();
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }
}
