package io.tlsuite.ca.domain;

import static io.tlsuite.ca.domain.TestRequests.ip;
import static io.tlsuite.ca.domain.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuancePolicyTest {

    private final IssuancePolicy policy =
            new IssuancePolicy(
                    List.of("localhost", "*.test", " *.Local "),
                    List.of(InetAddress.getLoopbackAddress()),
                    2048,
                    Duration.ofMinutes(1),
                    Duration.ofDays(397));

    @Test
    void exactNamesAndSuffixPatterns() {
        assertThat(policy.allows(SubjectAltName.dns("localhost"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("bar.test"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("a.b.TEST."))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("*.svc.local"))).isTrue();
        assertThat(policy.allows(SubjectAltName.dns("test"))).isFalse();
        assertThat(policy.allows(SubjectAltName.dns("eviltest"))).isFalse();
        assertThat(policy.allows(SubjectAltName.dns("localhost.evil.com"))).isFalse();
        assertThat(policy.allows(ip("127.0.0.1"))).isTrue();
        assertThat(policy.allows(ip("127.0.0.2"))).isFalse();
    }

    @Test
    void refusesBadNamesAtParsing() {
        assertThatThrownBy(() -> SubjectAltName.dns("bad_name.test"))
                .isInstanceOfSatisfying(
                        CaProblem.class,
                        e -> assertThat(e.kind()).isEqualTo(CaProblems.UNSUPPORTED_NAME));
        assertThatThrownBy(() -> SubjectAltName.dns("*.test"))
                .as("a wildcard over a whole top-level domain")
                .isInstanceOf(CaProblem.class);
        assertThatThrownBy(() -> SubjectAltName.dns("a.*.test")).isInstanceOf(CaProblem.class);
    }

    @Test
    void lifetimeBoundsAndTheAdminException() {
        CaProblem tooLong =
                org.junit.jupiter.api.Assertions.assertThrows(
                        CaProblem.class,
                        () ->
                                policy.check(
                                        request(KeyType.EC_P256, "a.test"),
                                        Profile.SERVER,
                                        Duration.ofDays(398),
                                        false));
        assertThat(tooLong.kind()).isEqualTo(CaProblems.LIFETIME_OUT_OF_BOUNDS);
        policy.check(
                request(KeyType.EC_P256, "a.test"), Profile.SERVER, Duration.ofDays(398), true);
        assertThatThrownBy(
                        () ->
                                policy.check(
                                        request(KeyType.EC_P256, "a.test"),
                                        Profile.SERVER,
                                        Duration.ofSeconds(30),
                                        true))
                .isInstanceOf(CaProblem.class);
    }

    @Test
    void namesOutsideThePolicyOnlyForTheAdmin() {
        CertificateRequest foreign = request(KeyType.EC_P256, "a.test", "example.com");
        CaProblem refused =
                org.junit.jupiter.api.Assertions.assertThrows(
                        CaProblem.class,
                        () -> policy.check(foreign, Profile.SERVER, Duration.ofDays(1), false));
        assertThat(refused.kind()).isEqualTo(CaProblems.NAME_NOT_ALLOWED);
        assertThat(refused.getMessage()).contains("DNS:example.com");
        policy.check(foreign, Profile.SERVER, Duration.ofDays(1), true);
    }

    @Test
    void serverNeedsANameClientDoesNot() {
        CertificateRequest anonymous = request(KeyType.ED25519);
        assertThatThrownBy(() -> policy.check(anonymous, Profile.SERVER, Duration.ofDays(1), true))
                .isInstanceOfSatisfying(
                        CaProblem.class,
                        e -> assertThat(e.kind()).isEqualTo(CaProblems.NAME_REQUIRED));
        policy.check(anonymous, Profile.CLIENT, Duration.ofDays(1), false);
    }
}
