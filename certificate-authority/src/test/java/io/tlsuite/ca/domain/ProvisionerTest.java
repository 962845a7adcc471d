package io.tlsuite.ca.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvisionerTest {

    private final Provisioner web =
            new Provisioner(
                    "web",
                    Set.of(Profile.SERVER),
                    List.of("web.test", " *.Web.Test ", "::1", "10.0.0.7"));

    private void allowed(Profile profile, String... names) {
        assertThatCode(() -> web.check(TestRequests.request(KeyType.EC_P256, names), profile))
                .doesNotThrowAnyException();
    }

    private void refused(Profile profile, CaProblems type, String... names) {
        assertThatThrownBy(() -> web.check(TestRequests.request(KeyType.EC_P256, names), profile))
                .isInstanceOfSatisfying(
                        CaProblem.class,
                        p -> org.assertj.core.api.Assertions.assertThat(p.kind()).isEqualTo(type));
    }

    @Test
    void itsNamesExactlyOrBelowASuffixAndItsAddressesInAnySpelling() {
        allowed(Profile.SERVER, "web.test");
        allowed(Profile.SERVER, "a.web.test", "b.c.WEB.test");
        allowed(Profile.SERVER, "IP:0:0:0:0:0:0:0:1", "IP:10.0.0.7");
        refused(Profile.SERVER, CaProblems.NAME_NOT_ALLOWED, "web.test", "evilweb.test");
        refused(Profile.SERVER, CaProblems.NAME_NOT_ALLOWED, "test");
        refused(Profile.SERVER, CaProblems.NAME_NOT_ALLOWED, "IP:10.0.0.8");
        refused(Profile.SERVER, CaProblems.NAME_NOT_ALLOWED, "IP:127.0.0.1");
    }

    @Test
    void itsProfilesOnly() {
        refused(Profile.CLIENT, CaProblems.PROFILE_NOT_ALLOWED, "web.test");
        Provisioner anyProfile = Provisioner.unrestricted("default");
        assertThatCode(
                        () ->
                                anyProfile.check(
                                        TestRequests.request(KeyType.EC_P256, "anything.test"),
                                        Profile.CLIENT))
                .doesNotThrowAnyException();
    }

    @Test
    void badDefinitionsAreRefusedAtStart() {
        assertThatThrownBy(() -> new Provisioner("Bad Name", Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Provisioner("svc", Set.of(Profile.SERVICE), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("administrator");
    }
}
