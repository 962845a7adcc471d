package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.config.OcspStapling;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.testing.BcLowLevelClient;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.TestPki;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCSP stapling on the server (RFC 6066 §8, RFC 8446 §4.4.2.1): the response {@code OcspStapling}
 * gives for the chosen identity goes to clients that send status_request, in the leaf's
 * CertificateEntry (TLS 1.3) or a CertificateStatus message after the Certificate (TLS 1.2), and
 * byte-exact on the wire. Clients: Bouncy Castle's low-level client, the JDK, openssl s_client.
 */
class OcspStaplingTest {
    static final TestPki ROOT = TestPki.Shared.PKI;
    static final TestPki ISSUER = ROOT.intermediate("tlsuite test intermediate");
    static final TestPki.Identity ID = ISSUER.issue(TestPki.KeyType.EC_P256);
    static final byte[] RESPONSE = ISSUER.ocspGood(ID.leaf());

    /** Every handshake message the server sent: type and raw bytes. */
    record Sent(HandshakeMessage message, byte[] raw) {}

    static TlsConfig.Builder server(OcspStapling stapling, List<Sent> sent) {
        return TlsConfig.builder()
                .certificate(ID.chain(), ID.key())
                .ocspStapling(stapling)
                .listener(
                        new TlsListener() {
                            @Override
                            public void handshakeMessage(
                                    Direction direction, HandshakeMessage message, byte[] raw) {
                                if (direction == Direction.SENT) {
                                    sent.add(new Sent(message, raw));
                                }
                            }
                        });
    }

    static OcspStapling stapling() {
        return identity -> Optional.of(RESPONSE);
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aClientAskingForOcspGetsTheStapledResponse(int minor) throws Exception {
        List<Sent> sent = new ArrayList<>();
        TlsEngine server = TlsEngine.server(server(stapling(), sent).build());
        BcLowLevelClient client =
                BcLowLevelClient.askingForOcsp(
                        minor == 3 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12);
        client.handshake(server);
        assertThat(server.isHandshakeComplete()).isTrue();
        assertThat(client.stapledOcspResponse()).isEqualTo(RESPONSE);
        BasicOCSPResp basic =
                (BasicOCSPResp) new OCSPResp(client.stapledOcspResponse()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertID().getSerialNumber())
                .isEqualTo(ID.leaf().getSerialNumber());
    }

    @Test
    void tls13StaplesInTheLeafEntryOnlyByteForByte() throws Exception {
        List<Sent> sent = new ArrayList<>();
        TlsEngine server = TlsEngine.server(server(stapling(), sent).build());
        BcLowLevelClient.askingForOcsp(ProtocolVersion.TLSv13).handshake(server);
        Sent certificate = only(sent, HandshakeType.CERTIFICATE);
        HandshakeMessage.Certificate c = (HandshakeMessage.Certificate) certificate.message();
        assertThat(c.entries()).hasSize(2);
        assertThat(c.entries().get(1).extensions()).as("the intermediate's entry").isEmpty();
        // RFC 8446 §4.4.2: cert_data <u24>, then extensions <u16>: status_request(5), length,
        // CertificateStatus = status_type ocsp(1), OCSPResponse <u24>.
        byte[] leaf = ID.leaf().getEncoded();
        String expected =
                Hex.of(leaf)
                        + u16(4 + 1 + 3 + RESPONSE.length)
                        + "0005"
                        + u16(1 + 3 + RESPONSE.length)
                        + "01"
                        + u24(RESPONSE.length)
                        + Hex.of(RESPONSE);
        assertThat(Hex.of(certificate.raw())).contains(u24(leaf.length) + expected);
    }

    @Test
    void tls12SendsCertificateStatusRightAfterTheCertificateByteForByte() throws Exception {
        List<Sent> sent = new ArrayList<>();
        TlsEngine server = TlsEngine.server(server(stapling(), sent).build());
        BcLowLevelClient.askingForOcsp(ProtocolVersion.TLSv12).handshake(server);
        List<Integer> types = sent.stream().map(s -> s.message().handshakeType()).toList();
        assertThat(types)
                .startsWith(
                        HandshakeType.SERVER_HELLO,
                        HandshakeType.CERTIFICATE,
                        HandshakeType.CERTIFICATE_STATUS,
                        HandshakeType.SERVER_KEY_EXCHANGE,
                        HandshakeType.SERVER_HELLO_DONE);
        HandshakeMessage.ServerHello hello =
                (HandshakeMessage.ServerHello) only(sent, HandshakeType.SERVER_HELLO).message();
        assertThat(hello.extensions())
                .filteredOn(e -> e.type() == 5)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(((Extension.Unknown) e).data())
                                        .as("RFC 6066 §8: empty in the ServerHello")
                                        .isEmpty());
        // handshake type 22, length u24, status_type ocsp(1), OCSPResponse <u24>
        assertThat(Hex.of(only(sent, HandshakeType.CERTIFICATE_STATUS).raw()))
                .isEqualTo(
                        "16"
                                + u24(4 + RESPONSE.length)
                                + "01"
                                + u24(RESPONSE.length)
                                + Hex.of(RESPONSE));
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void nothingIsStapledUnlessTheClientAsksAndTheSourceHasAResponse(int minor) throws Exception {
        ProtocolVersion v = minor == 3 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12;
        AtomicInteger asked = new AtomicInteger();
        OcspStapling counting =
                identity -> {
                    asked.incrementAndGet();
                    return Optional.of(RESPONSE);
                };
        // A TLS 1.2 client that does not send status_request: the source is not even asked.
        List<Sent> sent = new ArrayList<>();
        TlsEngine server = TlsEngine.server(server(counting, sent).build());
        new BcLowLevelClient(true).handshake(server);
        assertThat(server.isHandshakeComplete()).isTrue();
        assertThat(asked).hasValue(0);
        assertThat(sent).noneMatch(s -> s.message().handshakeType() == 22);

        // The client asks, the source has nothing, or fails: the handshake goes on without it.
        for (OcspStapling source :
                List.<OcspStapling>of(
                        OcspStapling.NONE,
                        identity -> Optional.of(new byte[0]),
                        identity -> {
                            throw new IllegalStateException("cache broken");
                        })) {
            List<Sent> none = new ArrayList<>();
            TlsEngine s = TlsEngine.server(server(source, none).build());
            BcLowLevelClient client = BcLowLevelClient.askingForOcsp(v);
            client.handshake(s);
            assertThat(s.isHandshakeComplete()).isTrue();
            assertThat(client.stapledOcspResponse()).isNull();
            assertThat(none).noneMatch(m -> m.message().handshakeType() == 22);
            assertThat(none)
                    .filteredOn(m -> m.message() instanceof HandshakeMessage.Certificate)
                    .allSatisfy(
                            m ->
                                    assertThat(
                                                    ((HandshakeMessage.Certificate) m.message())
                                                            .entries()
                                                            .get(0)
                                                            .extensions())
                                            .isEmpty());
        }
    }

    @Test
    void theSourceIsAskedForTheIdentityTheHandshakeChose() throws Exception {
        TestPki.Identity rsa = ISSUER.issue(TestPki.KeyType.RSA);
        byte[] rsaResponse = ISSUER.ocspGood(rsa.leaf());
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(ID.chain(), ID.key())
                        .addCertificate(rsa.chain(), rsa.key())
                        .ocspStapling(
                                identity ->
                                        Optional.of(
                                                identity.leaf().equals(rsa.leaf())
                                                        ? rsaResponse
                                                        : RESPONSE))
                        .tls12CipherSuites(
                                io.tlsuite.protocol.crypto.Tls12CipherSuite
                                        .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                        .build();
        BcLowLevelClient client = BcLowLevelClient.askingForOcsp(ProtocolVersion.TLSv12);
        TlsEngine server = TlsEngine.server(cfg);
        client.handshake(server);
        assertThat(client.serverLeaf()).isEqualTo(rsa.leaf().getEncoded());
        assertThat(client.stapledOcspResponse()).isEqualTo(rsaResponse);
    }

    @Test
    void jdkClientReceivesTheStapledResponse() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext ctx = JdkPeer.context(null, ROOT.root());
            JdkPeer jdk = JdkPeer.client(ctx, new String[] {protocol}, "localhost", 443);
            TlsEngine ours = TlsEngine.server(server(stapling(), new ArrayList<>()).build());
            JdkPeer.converse(ours, jdk);
            assertThat(jdk.failure()).as(protocol).isNull();
            assertThat(ours.isHandshakeComplete()).isTrue();
            List<byte[]> responses =
                    ((ExtendedSSLSession) jdk.engine().getSession()).getStatusResponses();
            assertThat(responses).as(protocol).hasSize(1);
            assertThat(responses.get(0)).isEqualTo(RESPONSE);
        }
    }

    @Test
    void opensslStatusShowsAGoodResponseInTls13AndTls12(@TempDir Path dir) throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").start().waitFor(5, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "openssl is not installed");
        Path rootPem = dir.resolve("root.pem");
        Files.writeString(rootPem, OpenSslInteropTest.pem(ROOT.root()));
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(ID.chain(), ID.key())
                        .ocspStapling(stapling())
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            OpenSslInteropTest.serve(ss, cfg, 3, new CopyOnWriteArrayList<>());
            // sClientTrusting adds -tls1_3 unless -tls1_2 is given.
            for (String version : List.of("-status", "-tls1_2")) {
                String out =
                        OpenSslInteropTest.sClientTrusting(
                                rootPem, ss.getLocalPort(), version, "-status");
                assertThat(out)
                        .as(version)
                        .contains("Verify return code: 0 (ok)")
                        .contains("OCSP Response Status: successful (0x0)")
                        .contains("Cert Status: good");
            }
            String without = OpenSslInteropTest.sClientTrusting(rootPem, ss.getLocalPort());
            assertThat(without).doesNotContain("OCSP Response Status");
        }
    }

    private static Sent only(List<Sent> sent, int type) {
        return sent.stream()
                .filter(s -> s.message().handshakeType() == type)
                .reduce(
                        (a, b) -> {
                            throw new AssertionError("two messages of type " + type);
                        })
                .orElseThrow();
    }

    private static String u16(int n) {
        return String.format("%04x", n);
    }

    private static String u24(int n) {
        return String.format("%06x", n);
    }
}
