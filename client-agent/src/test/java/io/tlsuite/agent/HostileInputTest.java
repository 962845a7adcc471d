package io.tlsuite.agent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.HostileInputContract;
import java.util.List;

/** The agent's run and scenario endpoints against the shared hostile bodies and ids. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class HostileInputTest extends HostileInputContract {

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/api/v1/runs"),
                Endpoint.get("/api/v1/runs/{id}"),
                Endpoint.delete("/api/v1/runs/{id}"),
                Endpoint.get("/api/v1/scenarios/{id}"));
    }

    @Override
    protected int maxBodyBytes() {
        return 64 * 1024;
    }
}
