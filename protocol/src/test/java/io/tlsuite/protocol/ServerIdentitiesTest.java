package io.tlsuite.protocol;

import static io.tlsuite.protocol.testing.TestPki.Shared.trustingClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.handshake.server.IdentitySelection;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import io.tlsuite.protocol.testing.TestPki.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server with several identities picks one per handshake. */
class ServerIdentitiesTest {
    static final Identity EC = TestPki.Shared.EC;
    static final Identity RSA = TestPki.Shared.RSA;
    static final Identity ED = TestPki.Shared.ED;
    static final Identity EC384 = TestPki.Shared.EC384;

    static TlsConfig.Builder serverWith(Identity... ids) {
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .certificateValidator(
                                new PkixCertificateValidator(
                                        TrustStore.of(TestPki.Shared.PKI.root())));
        for (Identity id : ids) {
            b.addCertificate(id.chain(), id.key());
        }
        return b;
    }

    static Negotiated handshake(TlsConfig.Builder client, TlsConfig.Builder server) {
        TlsEngine c = TlsEngine.client(client.build());
        TlsEngine s = TlsEngine.server(server.build());
        Pump.handshake(c, s);
        assertThat(c.isHandshakeComplete()).as("client completes").isTrue();
        return c.negotiated().orElseThrow();
    }

    @Test
    void tls13ClientOfferingOnlyRsaPssGetsTheRsaCertificate() {
        Negotiated n =
                handshake(
                        trustingClient().signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256),
                        serverWith(EC, RSA));
        assertThat(n.peerCertificates().get(0)).isEqualTo(RSA.leaf());
    }

    @Test
    void tls13ClientOfferingOnlyEcdsaGetsTheEcCertificateEvenWhenRsaComesFirst() {
        Negotiated n =
                handshake(
                        trustingClient().signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256),
                        serverWith(RSA, EC));
        assertThat(n.peerCertificates().get(0)).isEqualTo(EC.leaf());
    }

    @Test
    void theClientsSignatureAlgorithmsChooseBetweenP256P384AndRsa() {
        Identity[] ids = {EC, EC384, RSA};
        assertThat(
                        handshake(
                                        trustingClient()
                                                .signatureSchemes(
                                                        SignatureScheme.ECDSA_SECP384R1_SHA384),
                                        serverWith(ids))
                                .peerCertificates()
                                .get(0))
                .isEqualTo(EC384.leaf());
        assertThat(
                        handshake(
                                        trustingClient()
                                                .signatureSchemes(
                                                        SignatureScheme.ECDSA_SECP256R1_SHA256),
                                        serverWith(ids))
                                .peerCertificates()
                                .get(0))
                .isEqualTo(EC.leaf());
        assertThat(
                        handshake(
                                        trustingClient()
                                                .signatureSchemes(
                                                        SignatureScheme.RSA_PSS_RSAE_SHA256),
                                        serverWith(ids))
                                .peerCertificates()
                                .get(0))
                .isEqualTo(RSA.leaf());
    }

    @Test
    void tls12EcdheEcdsaWithP384TakesTheP384Certificate() {
        // RFC 8422 §5.1: a client listing only secp384r1 cannot get the P-256 certificate.
        Negotiated n =
                handshake(
                        trustingClient()
                                .versions(io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2)
                                .groups(io.tlsuite.protocol.crypto.NamedGroup.SECP384R1)
                                .keyShareGroups(),
                        serverWith(EC, EC384, RSA));
        assertThat(n.peerCertificates().get(0)).isEqualTo(EC384.leaf());
        assertThat(n.cipherSuite().name()).startsWith("TLS_ECDHE_ECDSA");
    }

    @Test
    void theFirstConfiguredIdentityWinsWhenSeveralFit() {
        assertThat(handshake(trustingClient(), serverWith(EC, RSA, ED)).peerCertificates().get(0))
                .isEqualTo(EC.leaf());
        assertThat(handshake(trustingClient(), serverWith(RSA, EC, ED)).peerCertificates().get(0))
                .isEqualTo(RSA.leaf());
        assertThat(handshake(trustingClient(), serverWith(ED, EC)).peerCertificates().get(0))
                .isEqualTo(ED.leaf());
    }

    @Test
    void noFittingIdentityIsHandshakeFailure() {
        TlsEngine c =
                TlsEngine.client(
                        trustingClient().signatureSchemes(SignatureScheme.ED25519).build());
        TlsEngine s = TlsEngine.server(serverWith(EC, RSA).build());
        Pump.handshake(c, s);
        assertThat(s.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(c.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void pkcs1IsNeverUsedForATls13CertificateVerify() {
        TlsEngine c =
                TlsEngine.client(
                        trustingClient()
                                .signatureSchemes(SignatureScheme.RSA_PKCS1_SHA256)
                                .build());
        TlsEngine s =
                TlsEngine.server(
                        serverWith(RSA)
                                .signatureSchemes(
                                        SignatureScheme.RSA_PKCS1_SHA256,
                                        SignatureScheme.RSA_PSS_RSAE_SHA256)
                                .build());
        Pump.handshake(c, s);
        assertThat(s.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void certificateReplacesAndAddCertificateAppends() {
        TlsConfig cfg =
                TlsConfig.builder()
                        .addCertificate(EC.chain(), EC.key())
                        .addCertificate(RSA.chain(), RSA.key())
                        .build();
        assertThat(cfg.identities())
                .extracting(CertifiedKey::leaf)
                .containsExactly(EC.leaf(), RSA.leaf());
        assertThat(cfg.certificateChain()).isEqualTo(EC.chain());
        assertThat(cfg.privateKey()).isEqualTo(EC.key());
        TlsConfig one = cfg.toBuilder().certificate(RSA.chain(), RSA.key()).build();
        assertThat(one.identities()).extracting(CertifiedKey::leaf).containsExactly(RSA.leaf());
        assertThat(cfg.toString()).doesNotContain(EC.key().toString());
        assertThatThrownBy(() -> TlsConfig.builder().addCertificate(List.of(), EC.key()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Integer> codes(SignatureScheme... schemes) {
        return java.util.Arrays.stream(schemes).map(SignatureScheme::code).toList();
    }

    @Test
    void tls12PicksByTheSuitesKeyExchange() {
        TlsConfig cfg =
                serverWith(EC, RSA)
                        .signatureSchemes(
                                SignatureScheme.ECDSA_SECP256R1_SHA256,
                                SignatureScheme.RSA_PSS_RSAE_SHA256,
                                SignatureScheme.RSA_PKCS1_SHA256)
                        .build();
        List<Integer> all =
                codes(
                        SignatureScheme.ECDSA_SECP256R1_SHA256,
                        SignatureScheme.RSA_PSS_RSAE_SHA256,
                        SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(
                        IdentitySelection.forTls12(
                                        cfg,
                                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                        all)
                                .orElseThrow()
                                .leaf())
                .isEqualTo(EC.leaf());
        assertThat(
                        IdentitySelection.forTls12(
                                        cfg,
                                        Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                        all)
                                .orElseThrow()
                                .leaf())
                .isEqualTo(RSA.leaf());
        assertThat(
                        IdentitySelection.forTls12(
                                        cfg, Tls12CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, all)
                                .orElseThrow()
                                .leaf())
                .isEqualTo(RSA.leaf());
        // ECDHE_RSA needs an RSA scheme the client offers; RSA key transport signs nothing.
        List<Integer> ecdsaOnly = codes(SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(
                        IdentitySelection.forTls12(
                                cfg,
                                Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                ecdsaOnly))
                .isEmpty();
        assertThat(
                        IdentitySelection.forTls12(
                                cfg, Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, ecdsaOnly))
                .isPresent();
        TlsConfig ecOnly = serverWith(EC, ED).build();
        assertThat(
                        IdentitySelection.forTls12(
                                ecOnly, Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, all))
                .isEmpty();
        assertThat(
                        IdentitySelection.forTls12(
                                ecOnly,
                                Tls12CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                all))
                .isEmpty();
    }
}
