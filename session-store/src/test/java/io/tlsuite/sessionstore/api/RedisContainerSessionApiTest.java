package io.tlsuite.sessionstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.containers.EnabledIfDockerImages;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The whole session API contract with sessions in a Redis container of the suite's image (the Redis
 * of the compose topology), plus what only a real separate Redis shows: the key material is sealed
 * in Redis, and sessions survive a restart of the Redis container.
 */
@QuarkusTest
@EnabledIfDockerImages("tlsuite/redis-local:${version}")
@TestProfile(RedisContainerProfile.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaPeer.class)
class RedisContainerSessionApiTest extends SessionApiContract {

    @Override
    String backendName() {
        return "redis";
    }

    @Test
    void theKeysAreSealedInRedisNeverStoredAsTheyCame() {
        String id = create(session(newId(), "5eed"));

        byte[] clientKey = Base64.getDecoder().decode(CLIENT_KEY);
        List<byte[]> stored = new ArrayList<>();
        withRedis(
                api -> {
                    // Uncompressed serialisation, so that a key stored in clear would show as is.
                    api.configAndAwait(List.of("SET", "rdbcompression", "no"));
                    for (Response key : api.keysAndAwait("tlsuite:container-test:*")) {
                        Response dump = api.dumpAndAwait(key.toString());
                        if (dump != null) {
                            stored.add(dump.toBytes());
                        }
                    }
                });

        assertThat(stored).as("what Redis holds for the session " + id).isNotEmpty();
        assertThat(stored)
                .allSatisfy(
                        value -> {
                            assertThat(indexOf(value, clientKey)).isEqualTo(-1);
                            assertThat(
                                            new String(value, StandardCharsets.ISO_8859_1)
                                                    .contains(CLIENT_KEY))
                                    .isFalse();
                        });
    }

    @Test
    void sessionsAndTheirKeysSurviveARestartOfTheRedisContainer() {
        String id = create(session(newId(), "5eed"));

        var docker = DockerClientFactory.instance().client();
        String container = System.getProperty(RedisContainerResource.CONTAINER_ID);
        docker.stopContainerCmd(container).withTimeout(10).exec();
        docker.startContainerCmd(container).exec();

        // The store answers 503 backend-unavailable until its client has reconnected.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () ->
                                service()
                                        .get("/api/v1/sessions/" + id + "/keys")
                                        .then()
                                        .statusCode(200)
                                        .body("keys.clientTrafficSecret", equalTo(CLIENT_KEY))
                                        .body("keys.serverTrafficSecret", equalTo(SERVER_KEY)));
    }

    private static void withRedis(java.util.function.Consumer<RedisAPI> work) {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, System.getProperty(RedisContainerResource.URL));
        try {
            work.accept(RedisAPI.api(redis));
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
