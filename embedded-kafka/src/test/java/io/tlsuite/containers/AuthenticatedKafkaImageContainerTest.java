package io.tlsuite.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.events.Topics;
import io.tlsuite.events.kafka.KafkaClientSecurity;
import io.tlsuite.kafka.SuiteAcls;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker image as compose runs it: given a users file (a mounted secret), its container
 * listeners ask every client to log in, and the suite's ACLs decide who writes where.
 */
@EnabledIfDockerImages("tlsuite/kafka:${version}")
class AuthenticatedKafkaImageContainerTest {

    private static final Map<String, String> USERS = new LinkedHashMap<>();
    private static SuiteKafkaContainer kafka;

    @BeforeAll
    static void start() {
        for (String principal : SuiteAcls.principals()) {
            USERS.put(principal, principal + "-" + UUID.randomUUID());
        }
        kafka = new SuiteKafkaContainer().withUsers(USERS);
        kafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void anAnonymousClientIsNotLetIn() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("request.timeout.ms", 3000);
        props.put("default.api.timeout.ms", 3000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theCaWritesCertificateEventsAndTheHandshakeServiceMayNot() throws Exception {
        send("certificate-authority", Topics.CERTIFICATES);
        assertThatThrownBy(() -> send("handshake-service", Topics.CERTIFICATES))
                .hasRootCauseInstanceOf(AuthorizationException.class);
        send("handshake-service", Topics.HANDSHAKES);
    }

    private static void send(String principal, String topic) throws Exception {
        Map<String, Object> props =
                new HashMap<>(KafkaClientSecurity.scram(principal, USERS.get(principal)));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            try {
                assertThat(
                                producer.send(new ProducerRecord<>(topic, "k", "v"))
                                        .get(60, TimeUnit.SECONDS))
                        .isNotNull();
            } catch (org.apache.kafka.common.KafkaException e) {
                throw new ExecutionException(e);
            }
        }
    }
}
