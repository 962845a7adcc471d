package io.tlsuite.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which properties secure a broker's listeners, whatever a container calls them. */
class BrokerAuthenticationTest {

    private final BrokerAuthentication auth =
            BrokerAuthentication.withUsers(Map.of("operator", "operator-password-1"));

    private static Properties config(String listeners, String map) {
        Properties p = new Properties();
        p.put("listeners", listeners);
        p.put("listener.security.protocol.map", map);
        p.put("controller.listener.names", "CONTROLLER");
        return p;
    }

    @Test
    void everyListenerIsMadeToAskForALoginAndNoneIsLeftOpen() {
        Map<String, String> p =
                auth.securing(
                        config(
                                "INTERNAL://:29092,EXTERNAL://:9092,CONTROLLER://:9093",
                                "INTERNAL:PLAINTEXT,EXTERNAL:SSL,CONTROLLER:PLAINTEXT"));
        assertThat(p.get("listener.security.protocol.map"))
                .isEqualTo("INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        for (String client : new String[] {"internal", "external"}) {
            assertThat(p.get("listener.name." + client + ".sasl.enabled.mechanisms"))
                    .isEqualTo("SCRAM-SHA-256,PLAIN");
            assertThat(p.get("listener.name." + client + ".plain.sasl.jaas.config"))
                    .contains("user_operator=");
        }
        // the controller knows the broker's own principal alone
        assertThat(p.get("listener.name.controller.sasl.enabled.mechanisms")).isEqualTo("PLAIN");
        assertThat(p.get("listener.name.controller.plain.sasl.jaas.config"))
                .contains("user_" + BrokerAuthentication.SUPER_USER + "=")
                .doesNotContain("user_operator");
        assertThat(p.get("allow.everyone.if.no.acl.found")).isEqualTo("false");
    }

    @Test
    void aListenerWithoutAProtocolOrNoListenerAtAllIsAConfigurationError() {
        assertThatThrownBy(
                        () ->
                                auth.securing(
                                        config(
                                                "INTERNAL://:29092,CONTROLLER://:9093",
                                                "CONTROLLER:PLAINTEXT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INTERNAL");
        assertThatThrownBy(() -> auth.securing(config("", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
