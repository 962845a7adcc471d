package io.tlsuite.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.events.Topics;
import io.tlsuite.events.kafka.KafkaClientSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker in its authenticated mode, with the suite's ACLs: who gets in, who may do what. */
class AuthenticatedBrokerTest {

    private static final Map<String, String> USERS = new LinkedHashMap<>();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        for (String principal : SuiteAcls.principals()) {
            USERS.put(principal, principal + "-" + UUID.randomUUID());
        }
        // quotes and a backslash: they must survive the broker's JAAS configuration
        USERS.put("stranger", "str\"anger\\-" + UUID.randomUUID());
        broker = EmbeddedKafkaBroker.ephemeral().withUsers(USERS).start();
        broker.createTopics(Topics.ALL, 1, Duration.ofSeconds(30));
        broker.replaceAcls(SuiteAcls.forUsers(USERS.keySet()), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anAnonymousClientGetsNothing() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        // A client without SASL never completes a request: the send cannot even find the topic.
        assertThatThrownBy(() -> send(anonymous, Topics.CERTIFICATES, "forged"))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> forged =
                KafkaClientSecurity.scram("certificate-authority", "not-the-password");
        assertThatThrownBy(() -> send(forged, Topics.CERTIFICATES, "forged"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theBrokersOwnPrincipalCannotBeLoggedIntoWithScram() {
        Map<String, Object> guess =
                KafkaClientSecurity.scram(BrokerAuthentication.SUPER_USER, "some-guess-password");
        assertThatThrownBy(() -> send(guess, Topics.CERTIFICATES, "forged"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void plainTakesTheSamePasswordsForClientsWhoseScramKafkaRefuses() throws Exception {
        Map<String, Object> operator = plain("operator", USERS.get("operator"));
        String marker = "handshake " + UUID.randomUUID();
        send(as("handshake-service"), Topics.HANDSHAKES, marker);
        assertThat(readAll(operator, "operator-plain-" + UUID.randomUUID(), Topics.HANDSHAKES))
                .contains(marker);
        assertThatThrownBy(() -> send(operator, Topics.CERTIFICATES, "forged"))
                .hasRootCauseInstanceOf(AuthorizationException.class);
        assertThat(describeCluster(broker, plain("stranger", USERS.get("stranger")))).isTrue();
        assertThatThrownBy(() -> send(plain("operator", "wrong-password"), Topics.AGENTS, "x"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        assertThatThrownBy(
                        () ->
                                send(
                                        plain(BrokerAuthentication.SUPER_USER, "a-guess-at-it"),
                                        Topics.AGENTS,
                                        "x"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void onlyTheCaWritesTheCertificateTopic() throws Exception {
        assertThat(send(as("certificate-authority"), Topics.CERTIFICATES, "issued")).isTrue();
        for (String other :
                List.of(
                        "handshake-service",
                        "session-store",
                        "client-agent",
                        "event-dashboard",
                        "operator",
                        "stranger")) {
            assertThatThrownBy(() -> send(as(other), Topics.CERTIFICATES, "forged by " + other))
                    .as(other)
                    // a principal that writes nowhere is refused the producer id already
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void eachServiceWritesItsOwnTopicOnly() throws Exception {
        assertThat(send(as("handshake-service"), Topics.HANDSHAKES, "started")).isTrue();
        assertThat(send(as("session-store"), Topics.SESSIONS, "created")).isTrue();
        assertThat(send(as("client-agent"), Topics.AGENTS, "run")).isTrue();
        assertThatThrownBy(() -> send(as("handshake-service"), Topics.SESSIONS, "x"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(as("session-store"), Topics.HANDSHAKES, "x"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(as("client-agent"), Topics.SESSIONS, "x"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theOperatorReadsEveryTopicWithItsOwnGroupAndWritesNone() throws Exception {
        String marker = "handshake " + UUID.randomUUID();
        send(as("handshake-service"), Topics.HANDSHAKES, marker);
        assertThat(readAll(as("operator"), "operator-test-" + UUID.randomUUID(), Topics.HANDSHAKES))
                .contains(marker);
        for (String topic : Topics.ALL) {
            assertThatThrownBy(() -> send(as("operator"), topic, "forged"))
                    .as(topic)
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
        assertThatThrownBy(() -> readAll(as("operator"), "event-dashboard-x", Topics.HANDSHAKES))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void consumersReadOnlyWhatTheyConsume() throws Exception {
        String marker = "revoked " + UUID.randomUUID();
        send(as("certificate-authority"), Topics.CERTIFICATES, marker);
        assertThat(
                        readAll(
                                as("handshake-service"),
                                "handshake-service-local-" + UUID.randomUUID(),
                                Topics.CERTIFICATES))
                .contains(marker);
        assertThat(readAll(as("session-store"), "session-store-local", Topics.CERTIFICATES))
                .contains(marker);
        assertThat(readAll(as("event-dashboard"), "event-dashboard-local", Topics.CERTIFICATES))
                .contains(marker);
        assertThatThrownBy(
                        () ->
                                readAll(
                                        as("handshake-service"),
                                        "handshake-service-x",
                                        Topics.SESSIONS))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(
                        () ->
                                readAll(
                                        as("certificate-authority"),
                                        "certificate-authority-x",
                                        Topics.CERTIFICATES))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> readAll(as("stranger"), "stranger", Topics.CERTIFICATES))
                .isInstanceOfAny(
                        GroupAuthorizationException.class, TopicAuthorizationException.class);
    }

    @Test
    void onlyTheBrokerChangesAcls() {
        AclBinding grab =
                new AclBinding(
                        new ResourcePattern(
                                ResourceType.TOPIC, Topics.CERTIFICATES, PatternType.LITERAL),
                        new AccessControlEntry(
                                "User:operator", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        Map<String, Object> props = new HashMap<>(as("operator"));
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(
                            () -> admin.createAcls(List.of(grab)).all().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(
                            org.apache.kafka.common.errors.ClusterAuthorizationException.class);
        }
    }

    @Test
    void replacingAclsRemovesOnesNotInTheTable() throws Exception {
        AclBinding extra =
                new AclBinding(
                        new ResourcePattern(ResourceType.TOPIC, Topics.AGENTS, PatternType.LITERAL),
                        new AccessControlEntry(
                                "User:stranger", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        List<AclBinding> withExtra = new ArrayList<>(SuiteAcls.forUsers(USERS.keySet()));
        withExtra.add(extra);
        broker.replaceAcls(withExtra, Duration.ofSeconds(10));
        broker.replaceAcls(SuiteAcls.forUsers(USERS.keySet()), Duration.ofSeconds(10));
        try (Admin admin = Admin.create(broker.adminProperties())) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(SuiteAcls.forUsers(USERS.keySet()));
        }
    }

    @Test
    void aRestartTakesTheNewPasswordsAndDropsUsersNoLongerListed() throws Exception {
        Path dir = Files.createTempDirectory("tlsuite-kafka-auth-");
        int port = EmbeddedKafkaBroker.freePort();
        Map<String, String> first =
                Map.of("operator", "first-password-1", "client-agent", "agent-password-1");
        try (EmbeddedKafkaBroker b = EmbeddedKafkaBroker.persistent(port, dir).withUsers(first)) {
            b.start();
            b.createTopics(Topics.ALL, 1, Duration.ofSeconds(30));
            b.replaceAcls(SuiteAcls.forUsers(first.keySet()), Duration.ofSeconds(30));
        }
        Map<String, String> second = Map.of("operator", "second-password-2");
        try (EmbeddedKafkaBroker b = EmbeddedKafkaBroker.persistent(port, dir).withUsers(second)) {
            b.start();
            b.replaceAcls(SuiteAcls.forUsers(second.keySet()), Duration.ofSeconds(30));
            assertThat(
                            describeCluster(
                                    b, KafkaClientSecurity.scram("operator", "second-password-2")))
                    .isTrue();
            assertThatThrownBy(
                            () ->
                                    describeCluster(
                                            b,
                                            KafkaClientSecurity.scram(
                                                    "operator", "first-password-1")))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
            assertThatThrownBy(
                            () ->
                                    describeCluster(
                                            b,
                                            KafkaClientSecurity.scram(
                                                    "client-agent", "agent-password-1")))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A container names its own listeners (compose: INTERNAL for the other containers, EXTERNAL for
     * the host, both declared PLAINTEXT as for the official image): with a users file, each of them
     * demands a login, and the services' SCRAM credentials work on both.
     */
    @Test
    void theListenersOfAContainerAreEachSecuredWhateverTheyAreCalled() throws Exception {
        Path dir = Files.createTempDirectory("tlsuite-kafka-listeners-");
        int internal = EmbeddedKafkaBroker.freePort();
        int external = EmbeddedKafkaBroker.freePort();
        int controller = EmbeddedKafkaBroker.freePort();
        Map<String, String> env =
                Map.of(
                        "KAFKA_LISTENERS",
                        "INTERNAL://localhost:"
                                + internal
                                + ",EXTERNAL://localhost:"
                                + external
                                + ",CONTROLLER://localhost:"
                                + controller,
                        "KAFKA_ADVERTISED_LISTENERS",
                        "INTERNAL://localhost:" + internal + ",EXTERNAL://localhost:" + external,
                        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "KAFKA_INTER_BROKER_LISTENER_NAME",
                        "INTERNAL",
                        "KAFKA_CONTROLLER_QUORUM_VOTERS",
                        "1@localhost:" + controller);
        Map<String, String> users = Map.of("session-store", "store-password-" + UUID.randomUUID());
        try (EmbeddedKafkaBroker b =
                EmbeddedKafkaBroker.persistent(external, dir, BrokerEnvironment.properties(env))
                        .withUsers(users)) {
            b.start();
            for (int port : List.of(internal, external)) {
                Map<String, Object> store =
                        new HashMap<>(
                                KafkaClientSecurity.scram(
                                        "session-store", users.get("session-store")));
                store.put("bootstrap.servers", "localhost:" + port);
                try (Admin admin = Admin.create(store)) {
                    assertThat(admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS))
                            .as("SCRAM login on port %d", port)
                            .isNotBlank();
                }
                Map<String, Object> anonymous = new HashMap<>();
                anonymous.put("bootstrap.servers", "localhost:" + port);
                anonymous.put("request.timeout.ms", 3000);
                anonymous.put("default.api.timeout.ms", 3000);
                try (Admin admin = Admin.create(anonymous)) {
                    assertThatThrownBy(
                                    () ->
                                            admin.describeCluster()
                                                    .clusterId()
                                                    .get(10, TimeUnit.SECONDS))
                            .as("anonymous client on port %d", port)
                            .isInstanceOf(ExecutionException.class);
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void usersAreCheckedBeforeTheBrokerStarts() {
        EmbeddedKafkaBroker b = EmbeddedKafkaBroker.ephemeral();
        assertThatThrownBy(
                        () -> b.withUsers(Map.of(BrokerAuthentication.SUPER_USER, "x".repeat(20))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broker's own principal");
        assertThatThrownBy(() -> b.withUsers(Map.of("operator", "short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("under 12 characters")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> b.withUsers(Map.of("bad name", "long-enough-password")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.withUsers(Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        b.close();
    }

    private static Map<String, Object> plain(String principal, String password) {
        return KafkaClientSecurity.properties(
                name ->
                        java.util.Optional.ofNullable(
                                Map.of(
                                                KafkaClientSecurity.USERNAME,
                                                principal,
                                                KafkaClientSecurity.PASSWORD,
                                                password,
                                                KafkaClientSecurity.MECHANISM,
                                                "PLAIN")
                                        .get(name)));
    }

    private static Map<String, Object> as(String principal) {
        return KafkaClientSecurity.scram(principal, USERS.get(principal));
    }

    private static boolean describeCluster(EmbeddedKafkaBroker b, Map<String, Object> security)
            throws Exception {
        Map<String, Object> props = new HashMap<>(security);
        props.put("bootstrap.servers", b.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS) != null;
        }
    }

    /** Sends one record and waits for the broker's answer; its failure comes as the cause. */
    private static boolean send(Map<String, Object> security, String topic, String value)
            throws Exception {
        Map<String, Object> props = new HashMap<>(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            try {
                producer.send(new ProducerRecord<>(topic, "k", value)).get(20, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                throw e;
            } catch (org.apache.kafka.common.KafkaException e) {
                // thrown by send() itself, e.g. no metadata within max.block.ms
                throw new ExecutionException(e);
            }
        }
    }

    /** Reads a topic from the beginning to its current end with a subscription in {@code group}. */
    private static List<String> readAll(Map<String, Object> security, String group, String topic) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Map<TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                if (!consumer.assignment().isEmpty()) {
                    if (end == null) {
                        end = consumer.endOffsets(consumer.assignment());
                    }
                    boolean caughtUp =
                            end.entrySet().stream()
                                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (caughtUp) {
                        break;
                    }
                }
            }
        }
        return values;
    }
}
