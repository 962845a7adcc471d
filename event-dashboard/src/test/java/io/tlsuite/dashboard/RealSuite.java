package io.tlsuite.dashboard;

import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.service.testing.ServiceProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services whose events the dashboard shows, running for real: the certificate authority, the
 * session store (in memory), the handshake service with its TLS port and the client agent, each its
 * own process from its packaged jar, all publishing to the test JVM's embedded Kafka broker.
 * Started once per JVM; without the packaged jars {@link #start()} says why and the tests that need
 * it skip; packaged services that do not start fail them.
 */
final class RealSuite {
    static final String ADMIN_TOKEN = "dashboard-test-admin-token";
    private static final Duration READY = Duration.ofSeconds(180);

    static String caUrl;
    static String handshakeUrl;
    static String agentUrl;
    static int tlsPort;
    private static String why;
    private static boolean started;
    private static IllegalStateException failure;

    private RealSuite() {}

    /** Null when the services run, else why not. */
    static synchronized String start() {
        if (started) {
            if (failure != null) {
                throw failure;
            }
            return why;
        }
        started = true;
        why =
                ServiceProcesses.missingJars(
                        "certificate-authority",
                        "session-store",
                        "handshake-service",
                        "client-agent");
        if (why != null) {
            return why;
        }
        try {
            String kafka = SharedBroker.get().bootstrapServers();
            Path data = Files.createTempDirectory("dashboard-it-");
            Path storeToken = data.resolve("session-store-token");

            Map<String, String> ca = new LinkedHashMap<>();
            ca.put("tlsuite.data-dir", data.resolve("ca-data").toString());
            ca.put("tlsuite.ca.admin-token", ADMIN_TOKEN);
            // Not the built-in passphrase, which the CA keeps for the local run.
            ca.put("tlsuite.ca.key-passphrase", "dashboard-test-ca-key-passphrase");
            ca.put("kafka.bootstrap.servers", kafka);
            int caPort = ServiceProcesses.freePort();
            ca.put("tlsuite.ca.public-url", "http://127.0.0.1:" + caPort);
            caUrl =
                    ServiceProcesses.start(
                            "certificate-authority", "dashboard-ca", caPort, ca, READY);

            Map<String, String> ss = new LinkedHashMap<>();
            ss.put("sessionstore.backend", "memory");
            ss.put("sessionstore.service-token-file", storeToken.toString());
            // The store confirms every revocation with the CA before it ends sessions.
            ss.put("sessionstore.revocation.ca-url", caUrl);
            ss.put("kafka.bootstrap.servers", kafka);
            String storeUrl =
                    ServiceProcesses.start(
                            "session-store",
                            "dashboard-session-store",
                            ServiceProcesses.freePort(),
                            ss,
                            READY);

            Map<String, String> hs = new LinkedHashMap<>();
            tlsPort = ServiceProcesses.freePort();
            hs.put("handshake.ca-url", caUrl);
            // The CA issues only to callers with its provisioner token (the admin token also
            // works).
            hs.put("handshake.ca-token", ADMIN_TOKEN);
            hs.put("handshake.tls.port", String.valueOf(tlsPort));
            hs.put("handshake.tls.host", "127.0.0.1");
            hs.put("handshake.tls.ticket-key-file", data.resolve("ticket-key").toString());
            hs.put("handshake.session-store.enabled", "true");
            hs.put("handshake.session-store.url", storeUrl);
            hs.put("handshake.session-store.token-file", storeToken.toString());
            hs.put("handshake.tls.idle-timeout", "600s");
            hs.put("lab.enabled", "false");
            hs.put("kafka.bootstrap.servers", kafka);
            handshakeUrl =
                    ServiceProcesses.start(
                            "handshake-service",
                            "dashboard-handshake-service",
                            ServiceProcesses.freePort(),
                            hs,
                            READY);

            Map<String, String> agent = new LinkedHashMap<>();
            agent.put("agent.ca-url", caUrl);
            agent.put("agent.ca-token", ADMIN_TOKEN);
            agent.put("agent.tcp-target", "127.0.0.1:" + tlsPort);
            agent.put("agent.rest-target", handshakeUrl);
            agent.put("agent.data-dir", data.resolve("agent").toString());
            agent.put("agent.mtls.enabled", "false");
            agent.put("kafka.bootstrap.servers", kafka);
            agentUrl =
                    ServiceProcesses.start(
                            "client-agent",
                            "dashboard-client-agent",
                            ServiceProcesses.freePort(),
                            agent,
                            READY);
        } catch (IOException | RuntimeException e) {
            // Packaged but not starting is a failure, never a skip: it hides every regression.
            failure =
                    new IllegalStateException(
                            "the services did not start: "
                                    + e.getMessage()
                                    + " (see target/it-logs)",
                            e);
            throw failure;
        }
        return why;
    }
}
