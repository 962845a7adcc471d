package io.tlsuite.agent.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tlsuite.kafka.SharedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real services the agent talks to, each its own OS process from its packaged jar: the
 * certificate authority (embedded database, admin token known to the test) and the handshake
 * service with its lab identities, both on the test JVM's embedded Kafka broker. Without the
 * packaged jars ({@code mvn package} of those modules) {@link #available()} says why and the tests
 * skip.
 */
public class SuiteServices implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN = "agent-test-admin-token";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CA_JAR =
            ROOT.resolve("certificate-authority/target/quarkus-app/quarkus-run.jar");
    private static final Path HS_JAR =
            ROOT.resolve("handshake-service/target/quarkus-app/quarkus-run.jar");

    private static final List<Process> processes = new ArrayList<>();
    private static Map<String, String> config;
    private static String why;

    public static String caUrl;
    public static String handshakeUrl;
    public static int tlsPort;

    /** Null when the services run, else why not. */
    public static String available() {
        return why;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (config != null) {
            return config;
        }
        Map<String, String> c = new LinkedHashMap<>();
        if (!Files.isRegularFile(CA_JAR) || !Files.isRegularFile(HS_JAR)) {
            why =
                    "packaged certificate-authority and handshake-service jars are missing (mvn -pl certificate-authority,handshake-service package -DskipTests)";
            c.put("agent.ca-url", "http://127.0.0.1:1");
            config = c;
            return c;
        }
        try {
            String kafka = SharedBroker.get().bootstrapServers();
            Path data = Files.createTempDirectory("agent-it-");
            int caPort = freePort();
            int hsPort = freePort();
            tlsPort = freePort();
            caUrl = "http://127.0.0.1:" + caPort;
            handshakeUrl = "http://127.0.0.1:" + hsPort;
            Map<String, String> ca = new LinkedHashMap<>();
            ca.put("tlsuite.data-dir", data.resolve("ca-data").toString());
            ca.put("tlsuite.ca.admin-token", ADMIN_TOKEN);
            ca.put("tlsuite.ca.public-url", caUrl);
            ca.put("kafka.bootstrap.servers", kafka);
            start("certificate-authority", CA_JAR, caPort, ca);
            waitReady(caUrl, Duration.ofSeconds(120));
            Map<String, String> hs = new LinkedHashMap<>();
            hs.put("handshake.ca-url", caUrl);
            hs.put("handshake.tls.port", String.valueOf(tlsPort));
            hs.put("handshake.tls.host", "127.0.0.1");
            hs.put("handshake.session-store.enabled", "false");
            hs.put("handshake.tls.ticket-key-file", data.resolve("ticket-key").toString());
            hs.put("handshake.tls.handshake-timeout", "60s");
            hs.put("lab.enabled", "true");
            hs.put("lab.ca-admin-token", ADMIN_TOKEN);
            hs.put("handshake.ca-token", ADMIN_TOKEN);
            hs.put("kafka.bootstrap.servers", kafka);
            start("handshake-service", HS_JAR, hsPort, hs);
            waitReady(handshakeUrl, Duration.ofSeconds(120));
            c.put("agent.ca-url", caUrl);
            c.put("agent.ca-token", ADMIN_TOKEN);
            c.put("agent.tcp-target", "127.0.0.1:" + tlsPort);
            c.put("agent.rest-target", handshakeUrl);
            c.put("agent.data-dir", data.resolve("agent").toString());
        } catch (IOException | RuntimeException e) {
            why = "the services did not start: " + e.getMessage();
            c.put("agent.ca-url", "http://127.0.0.1:1");
        }
        config = c;
        Runtime.getRuntime().addShutdownHook(new Thread(SuiteServices::stopAll));
        return c;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped at exit
    }

    private static void stopAll() {
        for (Process p : processes) {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
    }

    private static void start(String name, Path jar, int port, Map<String, String> props)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        processes.add(
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(name + ".log").toFile())
                        .start());
    }

    private static void waitReady(String url, Duration max) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new IOException(url + " not ready within " + max.toSeconds() + " s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
