package io.tlsuite.dashboard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.HostileInputContract;
import java.util.List;

/** The dashboard's lookups by id against the shared hostile ids (it takes no bodies). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class HostileInputTest extends HostileInputContract {

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/handshakes/{id}"),
                Endpoint.get("/api/v1/sessions/{id}"),
                Endpoint.get("/api/v1/certificates/{id}"));
    }

    @Override
    protected int maxBodyBytes() {
        return 64 * 1024;
    }
}
