package io.tlsuite.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    private static Map<String, Object> of(Map<String, String> settings) {
        return KafkaClientSecurity.properties(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void noUserNameMeansNoSecuritySettings() {
        assertThat(of(Map.of())).isEmpty();
        assertThat(of(Map.of(KafkaClientSecurity.USERNAME, "  "))).isEmpty();
    }

    @Test
    void aUserMeansScramOverSaslPlaintextByDefault() {
        Map<String, Object> p =
                of(
                        Map.of(
                                KafkaClientSecurity.USERNAME, "certificate-authority",
                                KafkaClientSecurity.PASSWORD, "s3cret-pass"));
        assertThat(p)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat((String) p.get("sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"certificate-authority\" password=\"s3cret-pass\";");
    }

    @Test
    void quotesAndBackslashesInAPasswordSurviveKafkasJaasParser() {
        String password = "a\"b\\c d;e=f";
        Map<String, Object> p =
                of(
                        Map.of(
                                KafkaClientSecurity.USERNAME, "operator",
                                KafkaClientSecurity.PASSWORD, password,
                                KafkaClientSecurity.MECHANISM, "plain"));
        assertThat(p).containsEntry("sasl.mechanism", "PLAIN");
        var entry =
                JaasContext.loadClientContext(
                                Map.of(
                                        "sasl.jaas.config",
                                        new Password((String) p.get("sasl.jaas.config"))))
                        .configurationEntries()
                        .get(0);
        Map<String, ?> options = entry.getOptions();
        assertThat(options.get("password")).isEqualTo(password);
        assertThat(options.get("username")).isEqualTo("operator");
    }

    @Test
    void mistakesAreSaidWithoutThePassword() {
        assertThatThrownBy(() -> of(Map.of(KafkaClientSecurity.USERNAME, "operator")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KafkaClientSecurity.PASSWORD);
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                KafkaClientSecurity.USERNAME, "operator",
                                                KafkaClientSecurity.PASSWORD, "hunter2-hunter2",
                                                KafkaClientSecurity.MECHANISM, "GSSAPI")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GSSAPI")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                KafkaClientSecurity.USERNAME, "operator",
                                                KafkaClientSecurity.PASSWORD, "hunter2-hunter2",
                                                KafkaClientSecurity.PROTOCOL, "PLAINTEXT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }
}
