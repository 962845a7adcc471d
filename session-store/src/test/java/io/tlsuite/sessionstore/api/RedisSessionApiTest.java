package io.tlsuite.sessionstore.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.kafka.KafkaBrokerTestResource;

/** The same API tests with sessions in the machine's Redis (127.0.0.1:6379). */
@QuarkusTest
@TestProfile(RedisBackendProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RedisSessionApiTest extends SessionApiContract {}
