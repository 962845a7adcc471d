package io.tlsuite.agent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.ServiceFoundationContract;
import java.time.Duration;
import java.util.List;

/** The agent is ready once Kafka answers and its trust store holds the CA's root. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "TLS suite client agent";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka");
    }

    @Override
    protected List<String> metricSamples() {
        return List.of();
    }

    @Override
    protected Duration readyWithin() {
        return Duration.ofSeconds(90);
    }
}
