package io.tlsuite.protocol.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.testing.TestPki;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains through an intermediate CA, in the orders peers really send them. */
class ChainBuildingTest {
    static final TestPki ROOT = TestPki.Shared.PKI;
    static final TestPki INTERMEDIATE = ROOT.intermediate("tlsuite test intermediate");
    static final TestPki.Identity LEAF = INTERMEDIATE.issue(TestPki.KeyType.EC_P256);
    static final PkixCertificateValidator VALIDATOR =
            new PkixCertificateValidator(TrustStore.of(ROOT.root()));

    private static AlertDescription alertFor(List<X509Certificate> chain) {
        try {
            VALIDATOR.validate(chain, CertificateValidator.Purpose.SERVER, "localhost");
            return null;
        } catch (TlsAlertException e) {
            return e.description();
        }
    }

    @Test
    void leafAndIntermediateValidate() {
        assertThat(LEAF.chain()).hasSize(2);
        assertThatCode(
                        () ->
                                VALIDATOR.validate(
                                        LEAF.chain(),
                                        CertificateValidator.Purpose.SERVER,
                                        "localhost"))
                .doesNotThrowAnyException();
    }

    @Test
    void extraRootAndShuffledIntermediatesAreTolerated() {
        List<X509Certificate> withRoot = new ArrayList<>(LEAF.chain());
        withRoot.add(ROOT.root());
        assertThat(alertFor(withRoot)).isNull();
        // An unrelated certificate and the intermediate, in the "wrong" order after the leaf.
        List<X509Certificate> shuffled = new ArrayList<>();
        shuffled.add(LEAF.leaf());
        shuffled.add(new TestPki("unrelated").root());
        shuffled.add(LEAF.chain().get(1));
        assertThat(alertFor(shuffled)).isNull();
        List<X509Certificate> reversed = new ArrayList<>(withRoot.subList(1, withRoot.size()));
        Collections.reverse(reversed);
        reversed.add(0, LEAF.leaf());
        assertThat(alertFor(reversed)).isNull();
    }

    @Test
    void missingIntermediateIsUnknownCa() {
        assertThat(alertFor(List.of(LEAF.leaf()))).isEqualTo(AlertDescription.UNKNOWN_CA);
    }

    @Test
    void revokedIntermediateIsCertificateRevoked() {
        X509Certificate intermediate = LEAF.chain().get(1);
        PkixCertificateValidator v =
                new PkixCertificateValidator(
                        TrustStore.of(ROOT.root()),
                        java.time.Clock.systemUTC(),
                        (cert, issuer) ->
                                cert.equals(intermediate)
                                        ? RevocationChecker.Status.REVOKED
                                        : RevocationChecker.Status.GOOD,
                        false);
        assertThat(catchAlert(v)).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
        PkixCertificateValidator strict =
                new PkixCertificateValidator(
                        TrustStore.of(ROOT.root()),
                        java.time.Clock.systemUTC(),
                        (cert, issuer) -> RevocationChecker.Status.UNKNOWN,
                        true);
        assertThat(catchAlert(strict)).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
    }

    private static AlertDescription catchAlert(PkixCertificateValidator v) {
        try {
            v.validate(LEAF.chain(), CertificateValidator.Purpose.SERVER, "localhost");
            return null;
        } catch (TlsAlertException e) {
            return e.description();
        }
    }
}
