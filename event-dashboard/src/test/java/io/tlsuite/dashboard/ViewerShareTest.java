package io.tlsuite.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One client address holds at most its share of the live viewers: real SSE streams, in an
 * application of their own (a profile with a share of 3), so no other test's viewers count.
 */
@QuarkusTest
@TestProfile(ViewerShareTest.ShareOfThree.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ViewerShareTest {

    public static class ShareOfThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dashboard.stream.max-subscribers-per-client", "3");
        }
    }

    @TestHTTPResource("/api/v1/events/stream")
    URL stream;

    @Test
    void oneClientHoldsAtMostItsShareOfTheLiveViewers() throws Exception {
        List<SseClient> mine = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                mine.add(new SseClient(stream.toString()));
            }
            HttpResponse<String> fourth =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(stream.toURI())
                                            .header("Accept", "text/event-stream")
                                            .timeout(Duration.ofSeconds(20))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
            assertThat(fourth.body()).contains("too-many-viewers-from-client");
        } finally {
            for (SseClient c : mine) {
                c.close();
            }
        }
        // The slots come back once the server notices the viewers left.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/v1/stats").jsonPath().getList("viewers").isEmpty());
        new SseClient(stream.toString()).close();
    }
}
