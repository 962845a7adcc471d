package io.tlsuite.handshake.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.handshake.support.TestCertificateAuthority;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class LeafFactsTest {

    @Test
    void factsAreTheCertificatesOwnAndEachCertificateKeepsItsOwn() throws Exception {
        try (TestCertificateAuthority ca = new TestCertificateAuthority()) {
            for (X509Certificate c : new X509Certificate[] {ca.root, ca.intermediate}) {
                LeafFacts facts = LeafFacts.of(c.getEncoded());
                assertThat(facts.subject()).isEqualTo(c.getSubjectX500Principal().getName());
                assertThat(facts.serial()).isEqualTo(c.getSerialNumber().toString(16));
                assertThat(facts.issuer()).isEqualTo(c.getIssuerX500Principal().getName());
                assertThat(facts.notBefore()).isEqualTo(c.getNotBefore().toInstant());
                assertThat(facts.notAfter()).isEqualTo(c.getNotAfter().toInstant());
                assertThat(LeafFacts.of(c.getEncoded())).isSameAs(facts);
            }
            assertThat(LeafFacts.of(ca.root.getEncoded()).subject())
                    .isNotEqualTo(LeafFacts.of(ca.intermediate.getEncoded()).subject());
        }
    }

    @Test
    void bytesThatAreNoCertificateHaveNoFacts() {
        assertThat(LeafFacts.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).isNull();
        assertThat(LeafFacts.of(new byte[0])).isNull();
    }

    @Test
    void aCallerChangingItsArrayAfterwardsDoesNotChangeWhatIsRemembered() throws Exception {
        try (TestCertificateAuthority ca = new TestCertificateAuthority()) {
            byte[] der = ca.root.getEncoded();
            LeafFacts facts = LeafFacts.of(der);
            der[der.length - 1] ^= 1;
            assertThat(LeafFacts.of(ca.root.getEncoded())).isSameAs(facts);
        }
    }
}
