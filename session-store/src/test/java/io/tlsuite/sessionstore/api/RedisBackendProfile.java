package io.tlsuite.sessionstore.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.UUID;

/** The service on the Redis backend, under a key prefix of its own. */
public class RedisBackendProfile implements QuarkusTestProfile {

    static final String PREFIX = "tlsuite:test-api:" + UUID.randomUUID() + ":";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sessionstore.backend", "redis",
                "sessionstore.redis.key-prefix", PREFIX,
                "sessionstore.revocation.group-id", "session-store-test-redis");
    }
}
