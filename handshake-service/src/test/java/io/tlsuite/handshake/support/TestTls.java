package io.tlsuite.handshake.support;

import io.tlsuite.handshake.identity.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Client-side helpers: a JDK SSLContext trusting a root, and running openssl. */
public final class TestTls {
    private TestTls() {}

    public static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    public static Path writePem(X509Certificate cert) throws IOException {
        Path f = Files.createTempFile("root", ".pem");
        Files.writeString(f, Pem.certificate(cert));
        f.toFile().deleteOnExit();
        return f;
    }

    public static boolean hasOpenssl() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    /**
     * {@code openssl s_client} to {@code localhost:port} (SNI localhost, trusting {@code root})
     * getting {@code /} over HTTP/1.1 with {@code Connection: close}; stdout and stderr.
     */
    public static String opensslPage(int port, X509Certificate root, String... options)
            throws Exception {
        List<String> args = new java.util.ArrayList<>();
        args.addAll(
                List.of(
                        "s_client",
                        "-connect",
                        "localhost:" + port,
                        "-servername",
                        "localhost",
                        "-CAfile",
                        writePem(root).toString(),
                        "-ign_eof"));
        args.addAll(List.of(options));
        return openssl("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", args);
    }

    /** Runs openssl with {@code stdin} as input; returns stdout and stderr together. */
    public static String openssl(String stdin, List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("/usr/bin/openssl");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        InputStream in = p.getInputStream();
        byte[] out = in.readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
