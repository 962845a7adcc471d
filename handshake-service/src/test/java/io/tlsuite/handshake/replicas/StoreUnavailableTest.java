package io.tlsuite.handshake.replicas;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sharing on, but the session store does not answer: a REST step is a 503 problem with Retry-After,
 * never a 500, and nothing is half-done.
 */
@QuarkusTest
@TestProfile(StoreUnavailableTest.StoreDown.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class StoreUnavailableTest {

    public static class StoreDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handshake.session-store.enabled", "true",
                    "handshake.session-store.url", "http://127.0.0.1:1",
                    "handshake.session-store.token", "any",
                    "handshake.replicas.store-timeout", "500ms");
        }
    }

    @Inject ServerEngines engines;
    @Inject IdentityEnrolment enrolment;

    @Test
    void stepsAnswer503WithRetryAfterWhileTheStoreIsDown() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        TlsEngine client =
                TlsEngine.client(
                        TlsConfig.builder()
                                .serverName("localhost")
                                .certificateValidator(
                                        new PkixCertificateValidator(
                                                TrustStore.of(
                                                        enrolment.current().orElseThrow().root())))
                                .build());
        String hello = Base64.getEncoder().encodeToString(client.start().outbound());
        given().contentType(ContentType.JSON)
                .body(Map.of("records", hello))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://tlsuite.dev/problems/state-store-unavailable"))
                .body(not(containsString("Exception")));
        given().contentType(ContentType.JSON)
                .body(Map.of("records", hello))
                .post("/api/v1/handshakes/hs-" + java.util.UUID.randomUUID() + "/flights")
                .then()
                .statusCode(503)
                .body("type", equalTo("https://tlsuite.dev/problems/state-store-unavailable"));
        given().contentType(ContentType.JSON)
                .body(Map.of("records", "FwMDAAEA"))
                .post("/api/v1/sessions/" + java.util.UUID.randomUUID() + "/records")
                .then()
                .statusCode(503);
        given().delete("/api/v1/sessions/" + java.util.UUID.randomUUID()).then().statusCode(503);
        // Nothing was kept half-open by the refused start.
        given().get("/q/metrics").then().body(containsString("handshake_rest_half_open 0.0"));
    }
}
