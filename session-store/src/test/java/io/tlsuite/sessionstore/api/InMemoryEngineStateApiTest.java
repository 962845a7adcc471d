package io.tlsuite.sessionstore.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class InMemoryEngineStateApiTest extends EngineStateApiContract {}
