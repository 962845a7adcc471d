package io.tlsuite.handshake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.handshake.support.TestIdentityConfig;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityEnrolmentTest {

    TestCertificateAuthority ca;

    @BeforeEach
    void ca() throws Exception {
        ca = new TestCertificateAuthority();
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    static HandshakeConfig.Identity config(Duration validity) {
        return config(validity, List.of("ec-p256"));
    }

    static HandshakeConfig.Identity config(Duration validity, List<String> keyTypes) {
        return new TestIdentityConfig(
                validity,
                Optional.of(List.of("hs.example.test")),
                keyTypes,
                Duration.ofMillis(100),
                Duration.ofMillis(400));
    }

    @Test
    void retriesUntilTheCaAnswersThenHoldsAChainToTheRoot() throws Exception {
        ca.refuseNext(3);
        try (IdentityEnrolment e =
                new IdentityEnrolment(
                        ca.client(new ObjectMapper()),
                        config(Duration.ofDays(30)),
                        Clock.systemUTC())) {
            assertThat(e.current()).isEmpty();
            e.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> e.failedAttempts() > 0);
            assertThat(e.status()).startsWith("not enrolled").contains("HTTP 503");
            await().atMost(Duration.ofSeconds(10)).until(() -> e.current().isPresent());
            ServerIdentity id = e.current().get();
            assertThat(id.chain()).hasSize(2);
            assertThat(id.chain().get(1)).isEqualTo(ca.intermediate);
            assertThat(id.root()).isEqualTo(ca.root);
            id.leaf().verify(ca.intermediate.getPublicKey());
            assertThat(id.leaf().getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(
                            id.leaf().getSubjectAlternativeNames().stream()
                                    .map(l -> String.valueOf(l.get(1)))
                                    .toList())
                    .contains(
                            "localhost",
                            "hs.example.test",
                            "127.0.0.1",
                            InetAddress.getByName("::1").getHostAddress());
            assertThat(id.toString())
                    .contains("redacted")
                    .doesNotContain(id.privateKey().toString());
            assertThat(e.status()).startsWith("enrolled");
        }
    }

    @Test
    void renewsAtTwoThirdsOfTheLifetimeWithAFreshKey() throws Exception {
        try (IdentityEnrolment e =
                new IdentityEnrolment(
                        ca.client(new ObjectMapper()),
                        config(Duration.ofMinutes(1)),
                        Clock.systemUTC())) {
            e.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> e.current().isPresent());
            ServerIdentity first = e.current().get();
            assertThat(Duration.between(first.notBefore(), first.renewAt()).getSeconds())
                    .isBetween(39L, 41L);
            e.reenrol("test: certificate revoked");
            await().atMost(Duration.ofSeconds(10)).until(() -> e.enrolments() == 2);
            ServerIdentity second = e.current().get();
            assertThat(second.serial()).isNotEqualTo(first.serial());
            assertThat(second.leaf().getPublicKey()).isNotEqualTo(first.leaf().getPublicKey());
        }
    }

    @Test
    void enrolsOneCertificatePerKeyTypeAndReenrolsAllWhenOneIsRevoked() throws Exception {
        try (IdentityEnrolment e =
                new IdentityEnrolment(
                        ca.client(new ObjectMapper()),
                        config(Duration.ofDays(30), List.of("ec-p256", "rsa-2048")),
                        Clock.systemUTC())) {
            e.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> e.current().isPresent());
            ServerIdentity id = e.current().get();
            assertThat(id.credentials())
                    .extracting(ServerIdentity.Credential::keyAlgorithm)
                    .containsExactly("EC", "RSA");
            for (ServerIdentity.Credential c : id.credentials()) {
                assertThat(c.chain()).hasSize(2);
                c.leaf().verify(ca.intermediate.getPublicKey());
                assertThat(c.leaf().getPublicKey().getAlgorithm())
                        .isEqualTo(c.privateKey().getAlgorithm());
                assertThat(c.toString()).contains("redacted").doesNotContain("PRIVATE");
            }
            assertThat(id.serials()).hasSize(2).doesNotHaveDuplicates();
            String rsaSerial = id.credentials().get(1).serial();
            assertThat(id.owns(rsaSerial.toUpperCase())).isTrue();
            assertThat(id.owns("00")).isFalse();
            assertThat(id.owns("not hex")).isFalse();
            assertThat(id.primary().keyAlgorithm()).isEqualTo("EC");

            e.reenrol("test: the RSA certificate was revoked");
            await().atMost(Duration.ofSeconds(20)).until(() -> e.enrolments() == 2);
            ServerIdentity next = e.current().get();
            assertThat(next.serials()).doesNotContainAnyElementsOf(id.serials());
        }
    }

    @Test
    void refusesAnUnknownKeyTypeWithTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyType.fromConfig("dsa-1024"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dsa-1024")
                .hasMessageContaining("ec-p256, ec-p384, rsa-2048");
        assertThat(KeyType.fromConfig(" RSA-2048 ")).isEqualTo(KeyType.RSA_2048);
    }
}
