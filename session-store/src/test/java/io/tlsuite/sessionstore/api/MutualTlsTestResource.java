package io.tlsuite.sessionstore.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test CA, a server certificate for localhost and three client certificates signed by it ({@code
 * spiffe://tlsuite/handshake-service}, allowed; {@code CN=intruder}; and {@code
 * CN=handshake-service} without the URI, refused), made with openssl; the service gets an HTTPS
 * listener that asks for client certificates and trusts only that CA. Without openssl nothing is
 * configured and {@link MutualTlsTest} skips with the reason.
 */
public class MutualTlsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "changeit";
    static volatile Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("session-store-mtls");
            openssl(
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-subj",
                    "/CN=tlsuite-test-ca",
                    "-days",
                    "2",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign");
            issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            issue(
                    "handshake",
                    "handshake-service",
                    "extendedKeyUsage=clientAuth\n"
                            + "subjectAltName=URI:spiffe://tlsuite/handshake-service");
            issue("intruder", "intruder", "extendedKeyUsage=clientAuth");
            // The name the session store used to trust, without the URI only the CA grants.
            issue("impostor", "handshake-service", "extendedKeyUsage=clientAuth");
            for (String name : List.of("handshake", "intruder", "impostor")) {
                openssl(
                        "pkcs12",
                        "-export",
                        "-in",
                        name + ".pem",
                        "-inkey",
                        name + ".key",
                        "-out",
                        name + ".p12",
                        "-passout",
                        "pass:" + PASSWORD);
            }
            // Fixed free ports: HTTPS beside a random (0) HTTP port does not start in tests.
            int port = freePort();
            int httpPort = freePort();
            Map<String, String> config = new HashMap<>();
            config.put(
                    "quarkus.tls.key-store.pem.server.cert", dir.resolve("server.pem").toString());
            config.put(
                    "quarkus.tls.key-store.pem.server.key", dir.resolve("server.key").toString());
            config.put("quarkus.tls.trust-store.pem.certs", dir.resolve("ca.pem").toString());
            config.put("quarkus.http.insecure-requests", "enabled");
            config.put("quarkus.http.test-ssl-port", Integer.toString(port));
            config.put("quarkus.http.test-port", Integer.toString(httpPort));
            config.put("sessionstore.mtls.allowed-uris", "spiffe://tlsuite/handshake-service");
            return config;
        } catch (IOException | RuntimeException e) {
            dir = null;
            return Map.of();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void issue(String name, String cn, String extension) throws IOException {
        openssl(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + cn);
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "2",
                "-extfile",
                name + ".ext");
    }

    private static void openssl(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("openssl.log").toFile())
                        .start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + args[0] + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void stop() {}
}
