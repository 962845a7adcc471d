package io.tlsuite.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerEnvironmentTest {

    @Test
    void kafkaVariablesBecomeBrokerPropertiesAsForTheApacheImage() {
        Map<String, String> properties =
                BrokerEnvironment.properties(
                        Map.of(
                                "KAFKA_ADVERTISED_LISTENERS", "INTERNAL://kafka:29092",
                                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT",
                                "KAFKA_SOME__UNDERSCORED___DASHED", "x",
                                "PATH", "/usr/bin"));

        assertThat(properties)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "advertised.listeners", "INTERNAL://kafka:29092",
                                "listener.security.protocol.map", "INTERNAL:PLAINTEXT",
                                "some_underscored-dashed", "x"));
    }

    @Test
    void jvmAndClientVariablesAreNotBrokerProperties() {
        assertThat(
                        BrokerEnvironment.properties(
                                Map.of(
                                        "KAFKA_HEAP_OPTS", "-Xmx1g",
                                        "KAFKA_OPTS", "-Dx=y",
                                        "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
                                        "KAFKA_", "empty")))
                .isEmpty();
    }
}
