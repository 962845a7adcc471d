package io.tlsuite.sessionstore.api;

import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.db.SharedRedis;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.sessionstore.store.RedisSessionBackend;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The same API tests with sessions in a real Redis ({@link SharedRedis}: the log names which). */
@QuarkusTest
@TestProfile(RedisBackendProfile.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaPeer.class)
class RedisSessionApiTest extends SessionApiContract {

    @Override
    String backendName() {
        return "redis";
    }

    /** Leaves the shared Redis as it was: every key under this run's prefix goes. */
    @AfterAll
    static void dropKeys() {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, SharedRedis.get().uri());
        try {
            new RedisSessionBackend(
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
