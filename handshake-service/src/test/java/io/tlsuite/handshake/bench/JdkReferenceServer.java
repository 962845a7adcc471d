package io.tlsuite.handshake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.identity.HttpCertificateAuthority;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.handshake.support.TestIdentityConfig;
import io.tlsuite.handshake.tls.ConnectionFacts;
import io.tlsuite.handshake.tls.HttpOverTls;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The benchmark's reference: the JDK's own {@code SSLServerSocket} (TLS 1.3) serving the same page
 * generator ({@link HttpOverTls}) with a certificate of the same profile from the same CA (ECDSA
 * P-256 leaf + intermediate, enrolled with the service's own enrolment code; the service never
 * exports its private key, so the key differs). Not part of the service.
 *
 * <p>{@code java -cp <test classpath> io.tlsuite.handshake.bench.JdkReferenceServer <ca-url>
 * <port>}
 */
public final class JdkReferenceServer {
    public static void main(String[] args) throws Exception {
        String caUrl = args.length > 0 ? args[0] : "http://localhost:8081";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9443;
        IdentityEnrolment enrolment =
                new IdentityEnrolment(
                        new HttpCertificateAuthority(
                                caUrl,
                                new ObjectMapper(),
                                new io.tlsuite.handshake.identity.CaToken(
                                        java.util.Optional.ofNullable(
                                                System.getenv("TLSUITE_CA_TOKEN")),
                                        java.nio.file.Path.of(".suite/ca-provisioner-token"))),
                        identityConfig(),
                        Clock.systemUTC());
        enrolment.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (enrolment.current().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        ServerIdentity id =
                enrolment
                        .current()
                        .orElseThrow(() -> new IllegalStateException(enrolment.status()));
        char[] pass = "bench".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
                "server",
                id.privateKey(),
                pass,
                id.chain().toArray(new java.security.cert.Certificate[0]));
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server =
                (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        server.setEnabledProtocols(new String[] {"TLSv1.3"});
        server.bind(new InetSocketAddress("0.0.0.0", port), 256);
        ExecutorService pool = Executors.newFixedThreadPool(128);
        System.out.println("JDK reference server on " + port + " with serial " + id.serial());
        while (true) {
            Socket s = server.accept();
            pool.execute(() -> serve((SSLSocket) s, id.serial()));
        }
    }

    private static void serve(SSLSocket s, String serial) {
        try (s) {
            s.setSoTimeout(30_000);
            s.startHandshake();
            var session = s.getSession();
            HttpOverTls http =
                    new HttpOverTls(
                            new ConnectionFacts(
                                    session.getProtocol(),
                                    session.getCipherSuite(),
                                    "?",
                                    java.util.HexFormat.of().formatHex(session.getId()),
                                    false,
                                    null,
                                    serial),
                            65536);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                HttpOverTls.Output o = http.onData(java.util.Arrays.copyOf(buf, n));
                out.write(o.response());
                out.flush();
                if (o.close()) {
                    break;
                }
            }
        } catch (Exception ignored) {
            // client gone
        }
    }

    private static HandshakeConfig.Identity identityConfig() {
        return TestIdentityConfig.ecdsa(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }
}
