package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.RevocationChecker;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our engine over a loopback socket against the openssl command line (s_client and s_server), the
 * way the acceptance checks drive the handshake service. Skipped when openssl is absent.
 */
class OpenSslInteropTest {
    static final TestPki PKI = TestPki.Shared.PKI;

    @TempDir static Path dir;

    static Path rootPem;

    @BeforeAll
    static void needOpenSsl() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "openssl is not installed");
        rootPem = dir.resolve("root.pem");
        Files.writeString(rootPem, pem(PKI.root()));
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    /** Serves {@code connections} TLS connections with our engine; echoes what it receives. */
    static Thread serve(ServerSocket ss, TlsConfig cfg, int connections, List<TlsEngine> engines) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < connections; i++) {
                                    try (Socket s = ss.accept()) {
                                        s.setSoTimeout(10_000);
                                        TlsEngine e = TlsEngine.server(cfg);
                                        engines.add(e);
                                        InputStream in = s.getInputStream();
                                        OutputStream out = s.getOutputStream();
                                        byte[] buf = new byte[16384];
                                        int n;
                                        while (!e.isClosed() && (n = in.read(buf)) > 0) {
                                            EngineOutput o = e.feed(buf, 0, n);
                                            out.write(o.outbound());
                                            if (!o.applicationData().isEmpty() && !e.isClosed()) {
                                                out.write(e.write(o.applicationBytes()).outbound());
                                            }
                                            if (e.isPeerClosed() && !e.isClosed()) {
                                                out.write(e.close().outbound());
                                            }
                                            out.flush();
                                        }
                                    } catch (IOException ignored) {
                                        // the client went away
                                    }
                                }
                            } catch (RuntimeException ignored) {
                                // test failure shows in assertions
                            }
                        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String sClient(int port, String... extra) throws Exception {
        return sClientTrusting(rootPem, port, extra);
    }

    /** s_client with {@code caFile} as its trust anchors; TLS 1.3 unless told otherwise. */
    static String sClientTrusting(Path caFile, int port, String... extra) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "openssl",
                                "s_client",
                                "-connect",
                                "127.0.0.1:" + port,
                                "-servername",
                                "localhost",
                                "-CAfile",
                                caFile.toString()));
        if (!List.of(extra).contains("-tls1_2") && !List.of(extra).contains("-tls1_1")) {
            cmd.add("-tls1_3");
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            Thread.sleep(300);
            p.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
        } catch (IOException e) {
            // s_client already ended; its output says why
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void opensslClientEverySuiteAndGroup() throws Exception {
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .build();
        String[][] groups = {{"X25519", "X25519"}, {"P-256", "SECP256R1"}};
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 6, engines);
            for (CipherSuite suite : CipherSuite.values()) {
                for (String[] g : groups) {
                    String out =
                            sClient(
                                    ss.getLocalPort(),
                                    "-ciphersuites",
                                    suite.name(),
                                    "-groups",
                                    g[0]);
                    assertThat(out).as(suite + " " + g[0]).contains("Verify return code: 0 (ok)");
                    assertThat(out).contains(suite.name());
                    TlsEngine e = engines.get(engines.size() - 1);
                    assertThat(e.negotiated().orElseThrow().group())
                            .isEqualTo(NamedGroup.valueOf(g[1]));
                }
            }
        }
    }

    @Test
    void opensslClientOfferingOnlyRsaPssGetsTheRsaCertificate() throws Exception {
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key())
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 2, engines);
            String rsa = sClient(ss.getLocalPort(), "-sigalgs", "RSA-PSS+SHA256");
            assertThat(rsa).contains("Verify return code: 0 (ok)");
            assertThat(rsa).contains("Peer signature type: RSA-PSS");
            String ec = sClient(ss.getLocalPort());
            assertThat(ec).contains("Verify return code: 0 (ok)");
            assertThat(ec).contains("Peer signature type: ECDSA");
        }
    }

    /** openssl's names of our TLS 1.2 suites, in {@code Tls12CipherSuite} order. */
    static final String[] OPENSSL_TLS12 = {
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-RSA-CHACHA20-POLY1305",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384"
    };

    static TlsConfig.Builder ecAndRsaServer() {
        return TlsConfig.builder()
                .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key());
    }

    @Test
    void opensslClientEveryOtherGroupBothVersions() throws Exception {
        // Our order first: in TLS 1.2 the server picks its preferred group among the client's.
        TlsConfig cfg =
                ecAndRsaServer()
                        .groups(
                                NamedGroup.X448,
                                NamedGroup.SECP384R1,
                                NamedGroup.SECP521R1,
                                NamedGroup.X25519,
                                NamedGroup.SECP256R1,
                                NamedGroup.FFDHE2048,
                                NamedGroup.FFDHE3072,
                                NamedGroup.FFDHE4096)
                        .build();
        // openssl name, our group, usable by TLS 1.2 ECDHE (RFC 7919 groups are TLS 1.3 only here)
        String[][] groups = {
            {"X448", "X448", "yes"},
            {"P-384", "SECP384R1", "yes"},
            {"P-521", "SECP521R1", "yes"},
            {"ffdhe2048", "FFDHE2048", "no"},
            {"ffdhe3072", "FFDHE3072", "no"},
            {"ffdhe4096", "FFDHE4096", "no"}
        };
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 9, engines);
            for (String[] g : groups) {
                String out = sClient(ss.getLocalPort(), "-groups", g[0]);
                assertThat(out).as(g[0]).contains("Verify return code: 0 (ok)");
                Negotiated n = engines.get(engines.size() - 1).negotiated().orElseThrow();
                assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_3);
                assertThat(n.group()).isEqualTo(NamedGroup.valueOf(g[1]));
                if (g[2].equals("yes")) {
                    // The ECDSA P-256 certificate needs P-256 listed too (RFC 8422 §5.1).
                    String out12 =
                            sClient(ss.getLocalPort(), "-tls1_2", "-groups", g[0] + ":P-256");
                    assertThat(out12).as(g[0] + " TLS 1.2").contains("Verify return code: 0 (ok)");
                    Negotiated n12 = engines.get(engines.size() - 1).negotiated().orElseThrow();
                    assertThat(n12.version()).isEqualTo(ProtocolVersion.TLS_1_2);
                    assertThat(n12.group()).isEqualTo(NamedGroup.valueOf(g[1]));
                }
            }
        }
    }

    @Test
    void opensslClientSignatureAlgorithmsChooseTheP384Certificate() throws Exception {
        TlsConfig cfg =
                TlsConfig.builder()
                        .addCertificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .addCertificate(TestPki.Shared.EC384.chain(), TestPki.Shared.EC384.key())
                        .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key())
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 3, engines);
            String out = sClient(ss.getLocalPort(), "-sigalgs", "ECDSA+SHA384");
            assertThat(out).contains("Verify return code: 0 (ok)");
            assertThat(out).contains("Server public key is 384 bit");
            assertThat(out).contains("Peer signing digest: SHA384");
            out = sClient(ss.getLocalPort(), "-sigalgs", "ECDSA+SHA256");
            assertThat(out).contains("Verify return code: 0 (ok)");
            assertThat(out).contains("Server public key is 256 bit");
            out =
                    sClient(
                            ss.getLocalPort(),
                            "-tls1_2",
                            "-sigalgs",
                            "ECDSA+SHA384",
                            "-groups",
                            "P-384",
                            "-cipher",
                            "ECDHE-ECDSA-AES128-GCM-SHA256");
            assertThat(out).contains("Verify return code: 0 (ok)");
            assertThat(out).contains("Cipher    : ECDHE-ECDSA-AES128-GCM-SHA256");
            assertThat(out).contains("Server public key is 384 bit");
        }
    }

    @Test
    void opensslTls12ClientEverySuiteAndGroup() throws Exception {
        io.tlsuite.protocol.crypto.Tls12CipherSuite[] suites =
                io.tlsuite.protocol.crypto.Tls12CipherSuite.values();
        // The P-256 certificate needs P-256 among the client's groups (RFC 8422 §5.1); X25519
        // wins when offered, as our server prefers it.
        String[][] groups = {{"X25519:P-256", "X25519"}, {"P-256", "SECP256R1"}};
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, ecAndRsaServer().build(), 14, engines);
            for (int i = 0; i < suites.length; i++) {
                boolean rsaTransport = OPENSSL_TLS12[i].startsWith("AES");
                for (String[] g : rsaTransport ? new String[][] {groups[0]} : groups) {
                    String out =
                            sClient(
                                    ss.getLocalPort(),
                                    "-tls1_2",
                                    "-cipher",
                                    OPENSSL_TLS12[i],
                                    "-groups",
                                    g[0]);
                    String what = OPENSSL_TLS12[i] + " " + g[0];
                    assertThat(out).as(what).contains("Verify return code: 0 (ok)");
                    assertThat(out).as(what).contains("Extended master secret: yes");
                    assertThat(out).as(what).contains("Protocol  : TLSv1.2");
                    assertThat(out).as(what).contains("Cipher    : " + OPENSSL_TLS12[i]);
                    assertThat(out).as(what).contains("Secure Renegotiation IS supported");
                    Negotiated n = engines.get(engines.size() - 1).negotiated().orElseThrow();
                    assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_2);
                    assertThat(n.cipherSuite()).isEqualTo(suites[i]);
                    assertThat(n.group()).isEqualTo(rsaTransport ? null : NamedGroup.valueOf(g[1]));
                }
            }
        }
    }

    @Test
    void opensslTls12ClientResumesByTicketAndBySessionId() throws Exception {
        TlsConfig tickets = ecAndRsaServer().ticketStore(new InMemoryTicketStore()).build();
        TlsConfig ids =
                ecAndRsaServer()
                        .ticketStore(new InMemoryTicketStore())
                        .tls12SessionTickets(false)
                        .build();
        for (TlsConfig cfg : List.of(tickets, ids)) {
            Path session = Files.createTempFile(dir, "session12", ".pem");
            try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
                List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
                serve(ss, cfg, 2, engines);
                String first =
                        sClient(ss.getLocalPort(), "-tls1_2", "-sess_out", session.toString());
                assertThat(first).contains("Verify return code: 0 (ok)").contains("New, TLSv1.2");
                String second =
                        sClient(ss.getLocalPort(), "-tls1_2", "-sess_in", session.toString());
                assertThat(second).contains("Reused, TLSv1.2");
                assertThat(engines.get(1).negotiated().orElseThrow().resumed()).isTrue();
            }
        }
    }

    /**
     * RFC 5246 §7.2.1 as amended since TLS 1.1: a connection that ends without close_notify does
     * not make its session unresumable. The first s_client is killed right after its handshake (no
     * close_notify, no FIN from a clean shutdown); its saved session still resumes, by ticket and
     * by session id.
     */
    @Test
    void opensslTls12ClientResumesAfterAConnectionDroppedWithoutCloseNotify() throws Exception {
        TlsConfig tickets = ecAndRsaServer().ticketStore(new InMemoryTicketStore()).build();
        TlsConfig ids =
                ecAndRsaServer()
                        .ticketStore(new InMemoryTicketStore())
                        .tls12SessionTickets(false)
                        .build();
        for (TlsConfig cfg : List.of(tickets, ids)) {
            Path session = Files.createTempFile(dir, "dropped12", ".pem");
            try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
                List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
                serve(ss, cfg, 2, engines);
                Process first =
                        new ProcessBuilder(
                                        "openssl",
                                        "s_client",
                                        "-connect",
                                        "127.0.0.1:" + ss.getLocalPort(),
                                        "-servername",
                                        "localhost",
                                        "-CAfile",
                                        rootPem.toString(),
                                        "-tls1_2",
                                        "-sess_out",
                                        session.toString())
                                .redirectErrorStream(true)
                                .start();
                java.io.BufferedReader lines =
                        new java.io.BufferedReader(
                                new java.io.InputStreamReader(
                                        first.getInputStream(), StandardCharsets.UTF_8));
                String line;
                boolean handshakeDone = false;
                while ((line = lines.readLine()) != null) {
                    if (line.contains("Verify return code")) {
                        handshakeDone = true;
                    }
                    // s_client writes -sess_out right after the handshake, before this summary.
                    if (handshakeDone && line.contains("---")) {
                        break;
                    }
                }
                assertThat(handshakeDone).isTrue();
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                assertThat(Files.size(session)).isPositive();
                String second =
                        sClient(ss.getLocalPort(), "-tls1_2", "-sess_in", session.toString());
                assertThat(second).contains("Reused, TLSv1.2");
                assertThat(engines.get(0).isPeerClosed()).isFalse();
                assertThat(engines.get(1).negotiated().orElseThrow().resumed()).isTrue();
            }
        }
    }

    @Test
    void opensslTls12ClientWithCertificateForMutualTls() throws Exception {
        Path cert = dir.resolve("client12.pem");
        Path key = dir.resolve("client12.key");
        Files.writeString(cert, pem(TestPki.Shared.CLIENT.leaf()));
        Files.writeString(key, pkcs8(TestPki.Shared.CLIENT.key()));
        TlsConfig cfg =
                ecAndRsaServer()
                        .clientAuth(ClientAuth.REQUIRED)
                        .certificateValidator(
                                new PkixCertificateValidator(TrustStore.of(PKI.root())))
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 1, engines);
            String out =
                    sClient(
                            ss.getLocalPort(),
                            "-tls1_2",
                            "-cipher",
                            "AES128-GCM-SHA256",
                            "-cert",
                            cert.toString(),
                            "-key",
                            key.toString());
            assertThat(out).contains("Verify return code: 0 (ok)");
            assertThat(out).contains("Extended master secret: yes");
            assertThat(engines.get(0).negotiated().orElseThrow().peerCertificates().get(0))
                    .isEqualTo(TestPki.Shared.CLIENT.leaf());
        }
    }

    @Test
    void opensslClientHelloRetryAndResumption() throws Exception {
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .groups(NamedGroup.SECP256R1)
                        .ticketStore(new InMemoryTicketStore())
                        .build();
        Path session = dir.resolve("session.pem");
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 2, engines);
            // openssl sends an X25519 share first: our secp256r1-only server asks again.
            String first = sClient(ss.getLocalPort(), "-sess_out", session.toString());
            assertThat(first).contains("Verify return code: 0 (ok)");
            assertThat(engines.get(0).negotiated().orElseThrow().helloRetryRequest()).isTrue();
            String second = sClient(ss.getLocalPort(), "-sess_in", session.toString());
            assertThat(second).contains("Reused, TLSv1.3");
            assertThat(engines.get(1).negotiated().orElseThrow().resumed()).isTrue();
        }
    }

    @Test
    void opensslClientWithCertificateForMutualTls() throws Exception {
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client.key");
        Files.writeString(cert, pem(TestPki.Shared.CLIENT.leaf()));
        Files.writeString(key, pkcs8(TestPki.Shared.CLIENT.key()));
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .clientAuth(ClientAuth.REQUIRED)
                        .certificateValidator(
                                new PkixCertificateValidator(TrustStore.of(PKI.root())))
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 1, engines);
            String out =
                    sClient(ss.getLocalPort(), "-cert", cert.toString(), "-key", key.toString());
            assertThat(out).contains("Verify return code: 0 (ok)");
            assertThat(engines.get(0).negotiated().orElseThrow().peerCertificates().get(0))
                    .isEqualTo(TestPki.Shared.CLIENT.leaf());
        }
    }

    @Test
    void pythonSslClient() throws Exception {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "-c", "import ssl").start().waitFor() == 0;
        } catch (IOException e) {
            python = false;
        }
        Assumptions.assumeTrue(python, "python3 with ssl is not installed");
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .ticketStore(new InMemoryTicketStore())
                        .build();
        String script =
                String.join(
                        "\n",
                        "import socket, ssl, sys",
                        "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                        "with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as s:",
                        "    with ctx.wrap_socket(s, server_hostname='localhost') as t:",
                        "        t.sendall(b'ping')",
                        "        print(t.version(), t.cipher()[0], t.recv(4).decode())");
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            serve(ss, cfg, 1, new java.util.concurrent.CopyOnWriteArrayList<>());
            Process p =
                    new ProcessBuilder(
                                    "python3",
                                    "-c",
                                    script,
                                    rootPem.toString(),
                                    String.valueOf(ss.getLocalPort()))
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            assertThat(out).startsWith("TLSv1.3 TLS_AES_128_GCM_SHA256 ping");
        }
    }

    @Test
    void pythonSslClientLimitedToTls12() throws Exception {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "-c", "import ssl").start().waitFor() == 0;
        } catch (IOException e) {
            python = false;
        }
        Assumptions.assumeTrue(python, "python3 with ssl is not installed");
        String script =
                String.join(
                        "\n",
                        "import socket, ssl, sys",
                        "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                        "ctx.maximum_version = ssl.TLSVersion.TLSv1_2",
                        "with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as s:",
                        "    with ctx.wrap_socket(s, server_hostname='localhost') as t:",
                        "        t.sendall(b'ping')",
                        "        print(t.version(), t.cipher()[0], t.recv(4).decode())");
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, ecAndRsaServer().build(), 1, engines);
            Process p =
                    new ProcessBuilder(
                                    "python3",
                                    "-c",
                                    script,
                                    rootPem.toString(),
                                    String.valueOf(ss.getLocalPort()))
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            assertThat(out).startsWith("TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256 ping");
            assertThat(engines.get(0).negotiated().orElseThrow().version())
                    .isEqualTo(ProtocolVersion.TLS_1_2);
        }
    }

    static String pkcs8(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Exactly the acceptance check's usage: {@code echo Q | openssl s_client ... -sess_out}. */
    static String sClientQuitAtOnce(int port, String... extra) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                "openssl",
                                "s_client",
                                "-connect",
                                "127.0.0.1:" + port,
                                "-tls1_3",
                                "-CAfile",
                                rootPem.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
        } catch (IOException e) {
            // s_client already ended; its output says why
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void resumptionWhenTheClientQuitsRightAfterTheHandshake() throws Exception {
        TlsConfig cfg =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .ticketStore(new InMemoryTicketStore())
                        .build();
        try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<TlsEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
            serve(ss, cfg, 6, engines);
            for (int i = 0; i < 3; i++) {
                Path session = dir.resolve("quick-" + i + ".pem");
                assertThat(sClientQuitAtOnce(ss.getLocalPort(), "-sess_out", session.toString()))
                        .contains("Verify return code: 0 (ok)");
                assertThat(session).exists();
                assertThat(sClientQuitAtOnce(ss.getLocalPort(), "-sess_in", session.toString()))
                        .contains("Reused, TLSv1.3");
            }
        }
    }

    @Test
    void ourClientAgainstOpensslServer() throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Files.writeString(cert, pem(TestPki.Shared.EC.leaf()));
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + java.util.Base64.getMimeEncoder(
                                        64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(TestPki.Shared.EC.key().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server =
                new ProcessBuilder(
                                "openssl",
                                "s_server",
                                "-accept",
                                "127.0.0.1:" + port,
                                "-tls1_3",
                                "-cert",
                                cert.toString(),
                                "-key",
                                key.toString(),
                                "-www",
                                "-naccept",
                                "3")
                        .redirectErrorStream(true)
                        .start();
        try {
            Thread.sleep(500);
            assertThat(server.isAlive())
                    .as(
                            () ->
                                    "s_server: "
                                            + new String(
                                                    readAvailable(server), StandardCharsets.UTF_8))
                    .isTrue();
            for (CipherSuite suite : CipherSuite.values()) {
                TlsEngine c =
                        TlsEngine.client(
                                TlsConfig.builder()
                                        .serverName("localhost")
                                        .cipherSuites(suite)
                                        .certificateValidator(
                                                new PkixCertificateValidator(
                                                        TrustStore.of(PKI.root())))
                                        .build());
                String page = fetch(port, c);
                assertThat(c.negotiated().orElseThrow().cipherSuite()).isEqualTo(suite);
                assertThat(page).startsWith("HTTP/1.0 200 ok").contains(suite.name());
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void ourTls12ClientAgainstOpensslServerEverySuiteAndMutualTls() throws Exception {
        Path ecCert = dir.resolve("server12-ec.pem");
        Path ecKey = dir.resolve("server12-ec.key");
        Path rsaCert = dir.resolve("server12-rsa.pem");
        Path rsaKey = dir.resolve("server12-rsa.key");
        Files.writeString(ecCert, pem(TestPki.Shared.EC.leaf()));
        Files.writeString(ecKey, pkcs8(TestPki.Shared.EC.key()));
        Files.writeString(rsaCert, pem(TestPki.Shared.RSA.leaf()));
        Files.writeString(rsaKey, pkcs8(TestPki.Shared.RSA.key()));
        io.tlsuite.protocol.crypto.Tls12CipherSuite[] suites =
                io.tlsuite.protocol.crypto.Tls12CipherSuite.values();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server =
                new ProcessBuilder(
                                "openssl",
                                "s_server",
                                "-accept",
                                "127.0.0.1:" + port,
                                "-tls1_2",
                                "-cert",
                                ecCert.toString(),
                                "-key",
                                ecKey.toString(),
                                "-dcert",
                                rsaCert.toString(),
                                "-dkey",
                                rsaKey.toString(),
                                "-verify",
                                "1",
                                "-CAfile",
                                rootPem.toString(),
                                "-www",
                                "-naccept",
                                String.valueOf(suites.length + 1))
                        .redirectErrorStream(true)
                        .start();
        try {
            Thread.sleep(500);
            assertThat(server.isAlive())
                    .as(
                            () ->
                                    "s_server: "
                                            + new String(
                                                    readAvailable(server), StandardCharsets.UTF_8))
                    .isTrue();
            for (int i = 0; i < suites.length; i++) {
                // Default versions (1.3 and 1.2): s_server -tls1_2 answers with 1.2.
                TlsEngine c =
                        TlsEngine.client(
                                TestPki.Shared.trustingClient()
                                        .tls12CipherSuites(suites[i])
                                        .build());
                String page = fetch(port, c);
                assertThat(c.negotiated().orElseThrow().version())
                        .isEqualTo(ProtocolVersion.TLS_1_2);
                assertThat(c.negotiated().orElseThrow().cipherSuite()).isEqualTo(suites[i]);
                assertThat(page)
                        .startsWith("HTTP/1.0 200 ok")
                        .contains("Protocol  : TLSv1.2")
                        .contains(OPENSSL_TLS12[i])
                        .contains("Extended master secret: yes");
            }
            TlsEngine mtls =
                    TlsEngine.client(
                            TestPki.Shared.trustingClient()
                                    .versions(ProtocolVersion.TLS_1_2)
                                    .certificate(
                                            TestPki.Shared.CLIENT.chain(),
                                            TestPki.Shared.CLIENT.key())
                                    .build());
            String page = fetch(port, mtls);
            assertThat(page).startsWith("HTTP/1.0 200 ok").contains("client.test");
        } finally {
            server.destroy();
        }
    }

    /**
     * Our client asking openssl s_server (-status_file) for a staple, TLS 1.3 and 1.2: a good
     * staple lets the handshake through although the fallback checker would say revoked; a revoked
     * one is certificate_revoked although the fallback would say good. So the staple arrived, in
     * openssl's encoding of each version, and decided.
     */
    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void ourClientChecksTheStapleOfOpensslServer(int minor) throws Exception {
        Path cert = dir.resolve("staple-server.pem");
        Path key = dir.resolve("staple-server.key");
        Files.writeString(cert, pem(TestPki.Shared.EC.leaf()));
        Files.writeString(key, pkcs8(TestPki.Shared.EC.key()));
        byte[] good = PKI.ocspGood(TestPki.Shared.EC.leaf());
        byte[] revoked =
                PKI.ocsp(
                        TestPki.Shared.EC.leaf().getSerialNumber(),
                        new org.bouncycastle.cert.ocsp.RevokedStatus(
                                java.util.Date.from(java.time.Instant.now().minusSeconds(600)), 1),
                        java.time.Instant.now().minusSeconds(60),
                        java.time.Instant.now().plusSeconds(3600),
                        PKI.key());
        for (boolean isGood : List.of(true, false)) {
            Path status = dir.resolve("staple-" + minor + "-" + isGood + ".der");
            Files.write(status, isGood ? good : revoked);
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Process server =
                    new ProcessBuilder(
                                    "openssl",
                                    "s_server",
                                    "-accept",
                                    "127.0.0.1:" + port,
                                    minor == 3 ? "-tls1_3" : "-tls1_2",
                                    "-cert",
                                    cert.toString(),
                                    "-key",
                                    key.toString(),
                                    "-status_file",
                                    status.toString(),
                                    "-www",
                                    "-naccept",
                                    "1")
                            .redirectErrorStream(true)
                            .start();
            try {
                Thread.sleep(500);
                RevocationChecker fallback =
                        (c, issuer) ->
                                isGood
                                        ? RevocationChecker.Status.REVOKED
                                        : RevocationChecker.Status.GOOD;
                TlsEngine c =
                        TlsEngine.client(
                                TlsConfig.builder()
                                        .serverName("localhost")
                                        .requestOcspStapling(true)
                                        .certificateValidator(
                                                new PkixCertificateValidator(
                                                        TrustStore.of(PKI.root()),
                                                        java.time.Clock.systemUTC(),
                                                        fallback,
                                                        true))
                                        .build());
                String page = fetch(port, c);
                if (isGood) {
                    assertThat(c.isHandshakeComplete()).as(c.failure().toString()).isTrue();
                    assertThat(page).startsWith("HTTP/1.0 200 ok");
                    assertThat(c.negotiated().orElseThrow().version())
                            .isEqualTo(
                                    minor == 3 ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2);
                } else {
                    assertThat(c.failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
                    assertThat(c.failureCause().orElseThrow().getMessage()).contains("stapled");
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    static byte[] readAvailable(Process p) {
        try {
            return p.getInputStream().readNBytes(p.getInputStream().available());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String fetch(int port, TlsEngine c) throws Exception {
        Socket s = null;
        for (int i = 0; i < 50 && s == null; i++) {
            try {
                s = new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        try (Socket sock = s) {
            sock.setSoTimeout(10_000);
            InputStream in = sock.getInputStream();
            OutputStream out = sock.getOutputStream();
            out.write(c.start().outbound());
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            boolean sent = false;
            int n;
            while (!c.isClosed() && !c.isPeerClosed() && (n = in.read(buf)) > 0) {
                EngineOutput o = c.feed(buf, 0, n);
                out.write(o.outbound());
                page.writeBytes(o.applicationBytes());
                if (c.isHandshakeComplete() && !sent && !c.isClosed()) {
                    out.write(
                            c.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                                    .outbound());
                    sent = true;
                }
            }
            return page.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
