package io.tlsuite.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build();
    }

    @Test
    void withoutAPrincipalTheClientsConnectAsBefore() {
        Config c = config(Map.of("kafka.bootstrap.servers", "localhost:9092"));
        assertThat(KafkaClientConfig.security(c)).isEmpty();
        assertThat(KafkaClientConfig.all(c))
                .containsExactlyEntriesOf(Map.of("bootstrap.servers", "localhost:9092"));
    }

    @Test
    void thePrincipalsCredentialsReachEveryClient() {
        Config c =
                config(
                        Map.of(
                                "kafka.bootstrap.servers", "localhost:9092",
                                "KAFKA_CLIENT_RACK", "r1",
                                "tlsuite.kafka.username", "session-store",
                                "tlsuite.kafka.password", "pw-0123456789"));
        Map<String, Object> all = KafkaClientConfig.all(c);
        assertThat(all)
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("client.rack", "r1")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat((String) all.get("sasl.jaas.config"))
                .contains("username=\"session-store\"")
                .contains("password=\"pw-0123456789\"");
        assertThat(KafkaClientConfig.security(c)).hasSize(3);
    }

    @Test
    void theReadinessChecksAdminClientGivesUpWithinSecondsUnlessToldOtherwise() {
        Config c = config(Map.of("kafka.bootstrap.servers", "localhost:9092"));
        assertThat(new KafkaClientConfig().defaultKafkaBroker(c))
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("default.api.timeout.ms", "5000");
        Config told =
                config(
                        Map.of(
                                "kafka.bootstrap.servers", "localhost:9092",
                                "kafka.default.api.timeout.ms", "20000"));
        assertThat(new KafkaClientConfig().defaultKafkaBroker(told))
                .containsEntry("default.api.timeout.ms", "20000");
    }
}
