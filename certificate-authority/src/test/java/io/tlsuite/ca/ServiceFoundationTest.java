package io.tlsuite.ca;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.service.testing.ServiceFoundationContract;
import java.util.List;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "TLS suite certificate authority";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka", "Database");
    }

    @Override
    protected void exercise() {
        CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "m.test", "DNS:m.test"), "server");
    }

    @Override
    protected List<String> metricSamples() {
        return List.of(
                "tlsuite_ca_certificates_issued_total{key=\"EC P-256\",profile=\"server\"}",
                "tlsuite_ca_outbox_pending");
    }
}
