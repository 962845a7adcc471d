package io.tlsuite.sessionstore;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.ServiceFoundationContract;
import java.util.List;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "TLS suite session store";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka");
    }

    @Override
    protected List<String> metricSamples() {
        // The backend probe: what the "session-store backend down" alert reads.
        return List.of("sessionstore_backend_up{backend=\"memory\"} 1.0");
    }
}
