package io.tlsuite.handshake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.ServiceFoundationContract;
import java.util.List;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(io.tlsuite.handshake.support.TestCaResource.class)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "TLS suite handshake service";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka", "Server certificate");
    }

    @Override
    protected List<String> metricSamples() {
        return List.of();
    }
}
