package io.tlsuite.protocol;

import static io.tlsuite.protocol.testing.TestPki.Shared.identity;
import static io.tlsuite.protocol.testing.TestPki.Shared.server;
import static io.tlsuite.protocol.testing.TestPki.Shared.trustingClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import io.tlsuite.protocol.testing.TestPki.Identity;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interop with Bouncy Castle's TLS (bctls, through its JSSE provider), in memory, both roles. */
class BcTlsInteropTest {
    static final TestPki PKI = TestPki.Shared.PKI;
    static final Provider BCJSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    static final byte[] PING = "ping".getBytes(StandardCharsets.UTF_8);
    static final byte[] PONG = "pong".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            for (NamedGroup g : NamedGroup.values()) {
                out.add(Arguments.of(s, g, "EC"));
            }
        }
        out.add(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "ED"));
        out.add(Arguments.of(CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.SECP256R1, "RSA"));
        return out.stream();
    }

    @ParameterizedTest(name = "our client -> bctls server {0} {1} {2}")
    @MethodSource("cases")
    void ourClientBcServer(CipherSuite suite, NamedGroup group, String key) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                key.equals("ED"),
                "the bctls 1.84 JSSE server selects no Ed25519 key from a PKCS#12 key store (handshake_failure on its side);"
                        + " Ed25519 with bctls is covered with bctls as the client");
        JdkPeer bc =
                JdkPeer.server(
                        JdkPeer.context(identity(key), PKI.root(), BCJSSE), false, suite.name());
        TlsEngine ours = TlsEngine.client(trustingClient().groups(group).build());
        JdkPeer.converse(ours, bc);
        assertThat(bc.failure()).isNull();
        assertThat(ours.negotiated().orElseThrow().cipherSuite()).isEqualTo(suite);
        assertThat(ours.negotiated().orElseThrow().group()).isEqualTo(group);
        assertThat(bc.engine().getSession().getCipherSuite()).isEqualTo(suite.name());
        byte[] toBc = ours.write(PING).outbound();
        bc.send(PONG);
        EngineOutput o = ours.feed(bc.step(toBc));
        assertThat(bc.received()).isEqualTo(PING);
        assertThat(o.applicationBytes()).isEqualTo(PONG);
    }

    @ParameterizedTest(name = "bctls client -> our server {0} {1} {2}")
    @MethodSource("cases")
    void bcClientOurServer(CipherSuite suite, NamedGroup group, String key) throws Exception {
        JdkPeer bc =
                JdkPeer.client(
                        JdkPeer.context(null, PKI.root(), BCJSSE), "localhost", 443, suite.name());
        TlsEngine ours = TlsEngine.server(server(identity(key)).groups(group).build());
        JdkPeer.converse(ours, bc);
        assertThat(bc.failure()).isNull();
        Negotiated n = ours.negotiated().orElseThrow();
        assertThat(n.cipherSuite()).isEqualTo(suite);
        assertThat(n.group()).isEqualTo(group);
        bc.send(PING);
        assertThat(ours.feed(bc.step(new byte[0])).applicationBytes()).isEqualTo(PING);
        bc.step(ours.write(PONG).outbound());
        assertThat(bc.received()).isEqualTo(PONG);
    }

    @Test
    void helloRetryRequestFromBcServer() throws Exception {
        JdkPeer bc = JdkPeer.server(JdkPeer.context(TestPki.Shared.EC, PKI.root(), BCJSSE), false);
        TlsEngine ours = TlsEngine.client(trustingClient().keyShareGroups().build());
        JdkPeer.converse(ours, bc);
        assertThat(bc.failure()).isNull();
        assertThat(ours.negotiated().orElseThrow().helloRetryRequest()).isTrue();
    }

    @Test
    void mutualTlsBothWays() throws Exception {
        Identity clientId = TestPki.Shared.CLIENT;
        JdkPeer bcServer =
                JdkPeer.server(JdkPeer.context(TestPki.Shared.EC, PKI.root(), BCJSSE), true);
        TlsEngine ourClient =
                TlsEngine.client(
                        trustingClient().certificate(clientId.chain(), clientId.key()).build());
        JdkPeer.converse(ourClient, bcServer);
        assertThat(bcServer.failure()).isNull();
        assertThat(bcServer.engine().getSession().getPeerCertificates()[0])
                .isEqualTo(clientId.leaf());

        JdkPeer bcClient =
                JdkPeer.client(JdkPeer.context(clientId, PKI.root(), BCJSSE), "localhost", 443);
        TlsEngine ourServer =
                TlsEngine.server(server(TestPki.Shared.EC).clientAuth(ClientAuth.REQUIRED).build());
        JdkPeer.converse(ourServer, bcClient);
        assertThat(bcClient.failure()).isNull();
        assertThat(ourServer.negotiated().orElseThrow().peerCertificates().get(0))
                .isEqualTo(clientId.leaf());
    }

    @Test
    void ourClientResumesWithBcServer() throws Exception {
        SSLContext ctx = JdkPeer.context(TestPki.Shared.EC, PKI.root(), BCJSSE);
        JdkPeer bc1 = JdkPeer.server(ctx, false);
        TlsEngine c1 = TlsEngine.client(trustingClient().build());
        JdkPeer.converse(c1, bc1);
        assertThat(bc1.failure()).isNull();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                c1.receivedSessions().isEmpty(), "this bctls server issues no TLS 1.3 tickets");
        JdkPeer bc2 = JdkPeer.server(ctx, false);
        TlsEngine c2 =
                TlsEngine.client(
                        trustingClient().resumeSession(c1.receivedSessions().get(0)).build());
        JdkPeer.converse(c2, bc2);
        assertThat(bc2.failure()).isNull();
        assertThat(c2.negotiated().orElseThrow().resumed()).isTrue();
    }

    @Test
    void bcClientAgainstOurTicketIssuingServer() throws Exception {
        SSLContext ctx = JdkPeer.context(null, PKI.root(), BCJSSE);
        TlsConfig cfg = server(TestPki.Shared.EC).ticketStore(new InMemoryTicketStore()).build();
        JdkPeer bc = JdkPeer.client(ctx, "localhost", 8443);
        TlsEngine s = TlsEngine.server(cfg);
        JdkPeer.converse(s, bc);
        assertThat(bc.failure()).isNull();
        assertThat(s.isHandshakeComplete()).isTrue();
        bc.send(PING); // lets the client read the ticket
        s.feed(bc.step(s.write(PONG).outbound()));

        JdkPeer again = JdkPeer.client(ctx, "localhost", 8443);
        TlsEngine s2 = TlsEngine.server(cfg);
        JdkPeer.converse(s2, again);
        assertThat(again.failure()).isNull();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                s2.negotiated().orElseThrow().resumed(),
                "this bctls client did not offer its TLS 1.3 ticket");
    }
}
