package io.tlsuite.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.agent.AgentMessageExchanged;
import io.tlsuite.events.agent.AgentRunStarted;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Thousands of events a second through the real broker: the indexes lose none, and a live viewer
 * either gets every one of them or is told exactly how many it missed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class BurstTest {

    static final int EVENTS = 20_000;

    @TestHTTPResource("/api/v1/events/stream")
    URL stream;

    @Test
    void aBurstOfTwentyThousandEventsIsIndexedWholeAndStreamedOrAccountedFor() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        String run = "burst-" + UUID.randomUUID();
        long before = given().get("/api/v1/stats").jsonPath().getLong("total");
        try (SseClient viewer = new SseClient(stream + "?subject=" + run);
                EventPublisher publisher =
                        EventPublisher.create(
                                SharedBroker.get().bootstrapServers(),
                                "/tlsuite/test/burst",
                                Map.of(
                                        "linger.ms",
                                        5,
                                        "batch.size",
                                        262144,
                                        "max.block.ms",
                                        60000))) {
            long start = System.nanoTime();
            CompletableFuture<?>[] sent = new CompletableFuture<?>[EVENTS + 1];
            sent[0] =
                    publisher
                            .publish(new AgentRunStarted(run, "load", "test", EVENTS, 1))
                            .toCompletableFuture();
            for (int i = 1; i <= EVENTS; i++) {
                sent[i] =
                        publisher
                                .publish(
                                        new AgentMessageExchanged(
                                                run, "s-" + run, "sent", 100, 122, i))
                                .toCompletableFuture();
            }
            CompletableFuture.allOf(sent).get();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "published %d events in %.2f s (%.0f/s)%n",
                    EVENTS + 1, seconds, (EVENTS + 1) / seconds);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    given().get("/api/v1/agents/runs")
                                                            .jsonPath()
                                                            .getLong(
                                                                    "find { it.id == '"
                                                                            + run
                                                                            + "' }.messages"))
                                            .isEqualTo(EVENTS));
            assertThat(given().get("/api/v1/stats").jsonPath().getLong("total") - before)
                    .isGreaterThanOrEqualTo(EVENTS + 1);
            // The subject filter sees the run's events only; each one arrives once, in order, or is
            // counted in a 'dropped' notice.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(viewer.sequences.size() + viewer.dropped.get())
                                            .isEqualTo(EVENTS + 1));
            assertThat(viewer.sequences).isSorted().doesNotHaveDuplicates();
            System.out.printf(
                    "viewer got %d events live, %d reported dropped%n",
                    viewer.sequences.size(), viewer.dropped.get());
        }
    }
}
