package io.tlsuite.handshake.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * A TLS 1.2 client without the extended master secret (RFC 7627): the JDK's own client in a child
 * JVM started with {@code -Djdk.tls.useExtendedMasterSecret=false} (the property is read once per
 * JVM, so it cannot be switched off inside the test JVM). It sends {@code GET /} and prints the
 * response, or the exception that ended the handshake.
 */
public final class LegacyTls12Client {
    private LegacyTls12Client() {}

    private static final String SOURCE =
            """
            import java.io.*;
            import java.security.KeyStore;
            import java.security.cert.*;
            import javax.net.ssl.*;

            public class Legacy {
                public static void main(String[] a) throws Exception {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    try (InputStream in = new FileInputStream(a[1])) {
                        ks.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
                    }
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                    tmf.init(ks);
                    SSLContext ctx = SSLContext.getInstance("TLSv1.2");
                    ctx.init(null, tmf.getTrustManagers(), null);
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", Integer.parseInt(a[0]))) {
                        s.setSoTimeout(10000);
                        s.setEnabledProtocols(new String[] {"TLSv1.2"});
                        s.startHandshake();
                        OutputStream out = s.getOutputStream();
                        out.write("GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n".getBytes("US-ASCII"));
                        out.flush();
                        System.out.println(new String(s.getInputStream().readAllBytes(), "UTF-8"));
                    } catch (IOException e) {
                        System.out.println("FAILED: " + e);
                    }
                }
            }
            """;

    /** The child's output: the HTTP response, or {@code FAILED: <exception>}. */
    public static String getPage(int port, X509Certificate root) throws Exception {
        Path dir = Files.createTempDirectory("legacy-client");
        Path source = dir.resolve("Legacy.java");
        Files.writeString(source, SOURCE);
        Path rootPem = TestTls.writePem(root);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p =
                new ProcessBuilder(
                                java,
                                "-Djdk.tls.useExtendedMasterSecret=false",
                                source.toString(),
                                String.valueOf(port),
                                rootPem.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
