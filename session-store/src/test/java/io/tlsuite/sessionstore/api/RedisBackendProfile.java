package io.tlsuite.sessionstore.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tlsuite.db.SharedRedis;
import java.util.Map;
import java.util.UUID;

/**
 * The service on the Redis backend, under a key prefix of its own, against the test JVM's {@link
 * SharedRedis} (a configured server, else the machine's on 127.0.0.1:6379, else an embedded one).
 */
public class RedisBackendProfile implements QuarkusTestProfile {

    /**
     * One prefix per test JVM. Kept in a system property because the profile and the test class are
     * loaded by different class loaders, and a static field would differ between them.
     */
    static final String PREFIX =
            (String)
                    System.getProperties()
                            .computeIfAbsent(
                                    "tlsuite-test.redis-prefix",
                                    k -> "tlsuite:test-api:" + UUID.randomUUID() + ":");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.redis.hosts",
                SharedRedis.get().uri(),
                "sessionstore.backend",
                "redis",
                "sessionstore.redis.key-prefix",
                PREFIX,
                "sessionstore.revocation.group-id",
                "session-store-test-redis");
    }
}
