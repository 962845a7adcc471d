package io.tlsuite.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM: one node that is both KRaft controller and broker, on
 * {@code localhost}. Its log directory is formatted on first start and reused afterwards, so a
 * local run keeps its topics across restarts; tests use a temporary directory that is deleted on
 * {@link #close()}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Map<String, String> overrides;
    private final BrokerAuthentication auth;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(
            int port,
            int controllerPort,
            Path dataDir,
            boolean deleteOnClose,
            Map<String, String> overrides,
            BrokerAuthentication auth) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.overrides = Map.copyOf(overrides);
        this.auth = auth;
    }

    /** A broker that keeps its data in {@code dataDir}, listening on {@code port}. */
    public static EmbeddedKafkaBroker persistent(int port, Path dataDir) {
        return persistent(port, dataDir, Map.of());
    }

    /**
     * A broker that keeps its data in {@code dataDir}, with broker properties that replace the
     * defaults (e.g. the listeners of a container: see {@link BrokerEnvironment}). {@code port}
     * stays the client port this process checks and creates topics through.
     */
    public static EmbeddedKafkaBroker persistent(
            int port, Path dataDir, Map<String, String> overrides) {
        return new EmbeddedKafkaBroker(port, freePort(), dataDir, false, overrides, null);
    }

    /** A throw-away broker on a free port, for tests. */
    public static EmbeddedKafkaBroker ephemeral() {
        try {
            return new EmbeddedKafkaBroker(
                    freePort(),
                    freePort(),
                    Files.createTempDirectory("tlsuite-kafka-"),
                    true,
                    Map.of(),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same broker, but every client must authenticate (SASL SCRAM-SHA-256 on the client port,
     * the controller port too) and {@code StandardAuthorizer} allows only what an ACL grants: see
     * {@link BrokerAuthentication}. {@code users} (principal to password) get SCRAM credentials at
     * start; ACLs come from {@link #replaceAcls}.
     */
    public EmbeddedKafkaBroker withUsers(Map<String, String> users) {
        if (server != null) {
            throw new IllegalStateException("authentication is chosen before start");
        }
        return new EmbeddedKafkaBroker(
                port,
                controllerPort,
                dataDir,
                deleteOnClose,
                overrides,
                BrokerAuthentication.withUsers(users));
    }

    /** Whether clients must authenticate. */
    public boolean requiresAuthentication() {
        return auth != null;
    }

    /** Formats storage if needed and starts the broker; returns once it accepts connections. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        if (!isFree(port)) {
            throw new IllegalStateException(
                    "port "
                            + port
                            + " is already in use: stop what holds it or choose another port");
        }
        Properties config = config(dataDir.resolve("kraft-combined-logs"));
        // An override may move the log directory; storage is formatted where the broker will look.
        Path logDir = Path.of(config.getProperty("log.dirs").split(",")[0].trim());
        formatIfNeeded(logDir, config);
        server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        if (auth != null) {
            try (Admin admin = Admin.create(adminProperties())) {
                auth.provisionUsers(admin, bootstrapServers(), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        return this;
    }

    /** {@code localhost:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Creates the topics that do not exist yet and waits until the broker reports all of them.
     *
     * @param partitions partitions of each new topic
     */
    public void createTopics(List<String> topics, int partitions, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    topics.stream()
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList();
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Makes the broker's ACLs exactly {@code acls}: the ones not in it are deleted, so a principal
     * dropped from the table loses its rights at the next start.
     */
    public void replaceAcls(Collection<AclBinding> acls, Duration timeout) {
        if (auth == null) {
            throw new IllegalStateException("ACLs need a broker started withUsers(...)");
        }
        try (Admin admin = Admin.create(adminProperties())) {
            BrokerAuthentication.replaceAcls(admin, acls, timeout);
        }
    }

    /**
     * Properties of an admin client that may do anything: the broker's own super user when clients
     * must authenticate. For this process and tests only; never handed to a service.
     */
    Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (auth != null) {
            props.putAll(auth.superUserClientProperties());
        }
        return props;
    }

    /** Stops the broker (idempotent); deletes the data of an ephemeral broker. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private Properties config(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        // The client listener is called CLIENT where it will ask for a login (see securing below).
        String client = auth == null ? "PLAINTEXT" : "CLIENT";
        p.put(
                "listeners",
                client + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", client + "://localhost:" + port);
        p.put("listener.security.protocol.map", client + ":PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", client);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "24");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.putAll(overrides);
        if (auth != null) {
            // After the overrides: whatever listeners a container names, each one is secured.
            p.putAll(auth.securing(p));
        }
        return p;
    }

    private static void formatIfNeeded(Path logDir, Properties config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path file = Files.createTempFile("tlsuite-kraft-", ".properties");
            try (var out = Files.newOutputStream(file)) {
                config.store(out, "embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc =
                        StorageTool.execute(
                                new String[] {
                                    "format",
                                    "-t",
                                    Uuid.randomUuid().toString(),
                                    "-c",
                                    file.toString(),
                                    "--ignore-formatted"
                                },
                                print);
            } finally {
                Files.deleteIfExists(file);
            }
            if (rc != 0) {
                throw new IllegalStateException(
                        "formatting Kafka storage failed: "
                                + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + logDir, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: a temporary directory left behind is not worth failing a test run.
        }
    }
}
