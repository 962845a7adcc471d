package io.tlsuite.sessionstore.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service on the Redis backend, that Redis being a container of the suite's Redis image. */
public class RedisContainerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sessionstore.backend", "redis",
                "sessionstore.redis.key-prefix", "tlsuite:container-test:",
                "sessionstore.revocation.group-id", "session-store-test-redis-container");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisContainerResource.class));
    }
}
