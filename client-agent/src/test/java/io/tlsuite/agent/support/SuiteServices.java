package io.tlsuite.agent.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.service.testing.ServiceProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real services the agent talks to, each its own OS process from its packaged jar: the
 * certificate authority (embedded database, admin token known to the test) and the handshake
 * service with its lab identities, both on the test JVM's embedded Kafka broker; on demand a second
 * handshake-service replica sharing the first one's ticket key ({@link #secondReplica()}). Without
 * the packaged jars ({@code mvn package} of those modules) {@link #available()} says why and the
 * tests skip; packaged services that do not start fail the tests.
 */
public class SuiteServices implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN = "agent-test-admin-token";
    private static final Duration READY = Duration.ofSeconds(120);

    private static Map<String, String> config;
    private static String why;
    private static Path data;
    private static String kafka;

    public static String caUrl;
    public static String handshakeUrl;
    public static int tlsPort;

    private static String secondUrl;
    private static int secondTlsPort;

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
        why = ServiceProcesses.missingJars("certificate-authority", "handshake-service");
        if (why != null) {
            c.put("agent.ca-url", "http://127.0.0.1:1");
            config = c;
            return c;
        }
        try {
            kafka = SharedBroker.get().bootstrapServers();
            data = Files.createTempDirectory("agent-it-");
            int caPort = ServiceProcesses.freePort();
            Map<String, String> ca = new LinkedHashMap<>();
            ca.put("tlsuite.data-dir", data.resolve("ca-data").toString());
            ca.put("tlsuite.ca.admin-token", ADMIN_TOKEN);
            // Not the built-in passphrase, which the CA keeps for the local run.
            ca.put("tlsuite.ca.key-passphrase", "agent-test-ca-key-passphrase");
            ca.put("tlsuite.ca.public-url", "http://127.0.0.1:" + caPort);
            ca.put("kafka.bootstrap.servers", kafka);
            caUrl =
                    ServiceProcesses.start(
                            "certificate-authority", "certificate-authority", caPort, ca, READY);
            tlsPort = ServiceProcesses.freePort();
            handshakeUrl =
                    ServiceProcesses.start(
                            "handshake-service",
                            "handshake-service",
                            ServiceProcesses.freePort(),
                            handshakeService(tlsPort, true),
                            READY);
            c.put("agent.ca-url", caUrl);
            c.put("agent.ca-token", ADMIN_TOKEN);
            c.put("agent.tcp-target", "127.0.0.1:" + tlsPort);
            c.put("agent.rest-target", handshakeUrl);
            c.put("agent.data-dir", data.resolve("agent").toString());
        } catch (IOException | RuntimeException e) {
            // Packaged but not starting is a failure, never a skip: it hides every regression.
            throw new IllegalStateException(
                    "the services did not start: " + e.getMessage() + " (see target/it-logs)", e);
        }
        config = c;
        return c;
    }

    /** A handshake service; every replica seals tickets with the same key. */
    private static Map<String, String> handshakeService(int port, boolean lab) {
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("handshake.ca-url", caUrl);
        hs.put("handshake.tls.port", String.valueOf(port));
        hs.put("handshake.tls.host", "127.0.0.1");
        hs.put("handshake.session-store.enabled", "false");
        hs.put("handshake.tls.ticket-key-file", data.resolve("ticket-key").toString());
        hs.put("handshake.tls.handshake-timeout", "60s");
        hs.put("lab.enabled", String.valueOf(lab));
        hs.put("lab.ca-admin-token", ADMIN_TOKEN);
        hs.put("handshake.ca-token", ADMIN_TOKEN);
        hs.put("kafka.bootstrap.servers", kafka);
        return hs;
    }

    /**
     * A second handshake-service replica (no lab identities), started on first use: {@code [tcp
     * target, rest target]}.
     */
    public static synchronized String[] secondReplica() throws IOException {
        if (secondUrl == null) {
            secondTlsPort = ServiceProcesses.freePort();
            secondUrl =
                    ServiceProcesses.start(
                            "handshake-service",
                            "handshake-service-2",
                            ServiceProcesses.freePort(),
                            handshakeService(secondTlsPort, false),
                            READY);
        }
        return new String[] {"127.0.0.1:" + secondTlsPort, secondUrl};
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped at exit
    }
}
