package io.tlsuite.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.agent.runs.RunRegistry;
import io.tlsuite.agent.support.AgentRuns;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.events.Topics;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The agent's own copies of key material (exporter values of a resumption, the handshake secret
 * behind a tampered Finished) are zeroised and dropped when their connection closes, and none of
 * them, nor the client's private key, shows up in REST bodies, events or the log.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class KeyHygieneTest {

    @Inject RunRegistry runs;

    @Test
    void noKeyOutlivesItsConnectionOrLeaves() throws Exception {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        List<byte[]> live = new ArrayList<>();
        List<String> values = new ArrayList<>();
        runs.keys()
                .observe(
                        copy -> {
                            synchronized (live) {
                                live.add(copy);
                                values.add(HexFormat.of().formatHex(copy));
                            }
                        });
        List<String> bodies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String scenario : List.of("resumption", "tampered-finished")) {
            for (String transport : List.of("tcp", "rest")) {
                String id = AgentRuns.start(scenario, transport, 2, 1, null);
                ids.add(id);
                var run = AgentRuns.finished(id);
                assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(2);
                bodies.add(given().get("/api/v1/runs/" + id).asString());
            }
        }
        bodies.add(given().get("/api/v1/runs").asString());
        bodies.add(given().get("/api/v1/agent/identity").asString());
        assertThat(values).as("copies were taken").hasSizeGreaterThanOrEqualTo(8);
        assertThat(runs.keys().held()).as("connections still holding keys").isEmpty();
        for (byte[] b : live) {
            assertThat(b).as("a copy was not zeroised").containsOnly((byte) 0);
        }
        List<String> events = events(ids);
        assertThat(events).isNotEmpty();
        String log = Files.readString(Path.of("target/agent-test.log"));
        for (String v : values) {
            for (String body : bodies) {
                assertThat(body).doesNotContainIgnoringCase(v);
            }
            assertThat(events).noneMatch(e -> e.toLowerCase().contains(v));
            assertThat(log).doesNotContainIgnoringCase(v);
        }
        for (String body : bodies) {
            assertThat(body).doesNotContain("PRIVATE KEY");
        }
    }

    private static List<String> events(List<String> runIds) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.get().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "hygiene-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.AGENTS));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean completed = false;
            while (System.nanoTime() < end && !completed) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (runIds.contains(r.key())) {
                        out.add(r.value());
                    }
                }
                completed =
                        out.stream().filter(e -> e.contains("run-completed")).count()
                                >= runIds.size();
            }
        }
        return out;
    }
}
