package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS 1.2 server (holding an ECDSA P-256 and an RSA-2048 identity) against TLS 1.2-only clients
 * of the JDK (SunJSSE) and Bouncy Castle (bctls), in memory: every suite, both groups, with and
 * without client certificates, application data both ways.
 */
class Tls12ServerInteropTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final Provider BCJSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    static final String[] TLS12 = {"TLSv1.2"};

    static TlsConfig.Builder server() {
        return TlsConfig.builder()
                .addCertificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key())
                .certificateValidator(new PkixCertificateValidator(TrustStore.of(PKI.root())));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String peer : List.of("JDK", "bctls")) {
            for (Tls12CipherSuite s : Tls12CipherSuite.values()) {
                if (s.keyExchange() == KeyExchangeAlgorithm.RSA) {
                    out.add(Arguments.of(peer, s, null));
                } else {
                    for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                        out.add(Arguments.of(peer, s, g));
                    }
                }
            }
        }
        return out.stream();
    }

    static Provider provider(String peer) {
        return peer.equals("JDK") ? null : BCJSSE;
    }

    static void exchangeData(TlsEngine ours, JdkPeer peer) {
        byte[] ping = "ping over 1.2".getBytes(StandardCharsets.UTF_8);
        peer.send(ping);
        byte[] records = peer.step(new byte[0]);
        assertThat(ours.feed(records).applicationBytes()).isEqualTo(ping);
        byte[] big = new byte[40_000];
        Arrays.fill(big, (byte) 7);
        peer.step(ours.write(big).outbound());
        assertThat(peer.received()).isEqualTo(big);
    }

    @ParameterizedTest(name = "{0} client -> our server {1} {2}")
    @MethodSource("cases")
    void everySuiteAndGroup(String peerName, Tls12CipherSuite suite, NamedGroup group)
            throws Exception {
        TlsEngine ours =
                TlsEngine.server(group == null ? server().build() : server().groups(group).build());
        JdkPeer peer =
                JdkPeer.client(
                        JdkPeer.context(null, PKI.root(), provider(peerName)),
                        TLS12,
                        "localhost",
                        443,
                        suite.name());
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).as("peer failure").isNull();
        assertThat(ours.failure()).isEmpty();
        assertThat(ours.isHandshakeComplete()).isTrue();
        Negotiated n = ours.negotiated().orElseThrow();
        assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(n.cipherSuite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        assertThat(peer.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(peer.engine().getSession().getCipherSuite()).isEqualTo(suite.name());
        String expectedKey = suite.keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA ? "EC" : "RSA";
        assertThat(
                        peer.engine()
                                .getSession()
                                .getPeerCertificates()[0]
                                .getPublicKey()
                                .getAlgorithm())
                .isEqualTo(expectedKey);
        exchangeData(ours, peer);
    }

    static Stream<Arguments> mtls() {
        List<Arguments> out = new ArrayList<>();
        for (String peer : List.of("JDK", "bctls")) {
            out.add(
                    Arguments.of(
                            peer, Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "EC"));
            out.add(
                    Arguments.of(
                            peer, Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "RSA"));
            out.add(Arguments.of(peer, Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, "EC"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client with a {2} certificate -> our server {1} (mTLS)")
    @MethodSource("mtls")
    void mutualTls(String peerName, Tls12CipherSuite suite, String clientKey) throws Exception {
        TestPki.Identity client =
                clientKey.equals("EC")
                        ? TestPki.Shared.CLIENT
                        : PKI.issue(
                                TestPki.LeafSpec.of(TestPki.KeyType.RSA)
                                        .withName("rsa-client.test"));
        TlsEngine ours = TlsEngine.server(server().clientAuth(ClientAuth.REQUIRED).build());
        JdkPeer peer =
                JdkPeer.client(
                        JdkPeer.context(client, PKI.root(), provider(peerName)),
                        TLS12,
                        "localhost",
                        443,
                        suite.name());
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).as("peer failure").isNull();
        assertThat(ours.isHandshakeComplete()).isTrue();
        assertThat(ours.negotiated().orElseThrow().peerCertificates().get(0))
                .isEqualTo(client.leaf());
        exchangeData(ours, peer);
    }

    @ParameterizedTest(name = "{0} client without a certificate, optional client auth")
    @MethodSource("peers")
    void optionalClientAuthWithoutCertificate(String peerName) throws Exception {
        TlsEngine ours = TlsEngine.server(server().clientAuth(ClientAuth.OPTIONAL).build());
        JdkPeer peer =
                JdkPeer.client(
                        JdkPeer.context(null, PKI.root(), provider(peerName)),
                        TLS12,
                        "localhost",
                        443);
        JdkPeer.converse(ours, peer);
        assertThat(peer.failure()).isNull();
        assertThat(ours.isHandshakeComplete()).isTrue();
        assertThat(ours.negotiated().orElseThrow().peerCertificates()).isEmpty();
    }

    static Stream<String> peers() {
        return Stream.of("JDK", "bctls");
    }
}
