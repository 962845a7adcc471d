package io.tlsuite.handshake.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.HostileInputContract;
import java.util.List;

/** The REST handshake API against the shared hostile inputs (bodies and ids). */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class HostileInputTest extends HostileInputContract {

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/api/v1/handshakes"),
                Endpoint.post("/api/v1/handshakes/{id}/flights"),
                Endpoint.post("/api/v1/sessions/{id}/records"),
                Endpoint.delete("/api/v1/sessions/{id}"));
    }

    @Override
    protected String someId() {
        return "hs-00000000-0000-4000-8000-000000000000";
    }
}
