package io.tlsuite.handshake.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ids no one was given, of every hostile shape (path traversal, spaces, control characters, very
 * long, near-misses of the real shape, random bytes from a fixed seed): 404 (or 400 from the HTTP
 * layer) on every id endpoint, never a 503 from a trip to the session store.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class HostileIdsTest {

    static Stream<String> hostileIds() {
        List<String> ids =
                new ArrayList<>(
                        List.of(
                                "..%2F..%2Fx",
                                "..%2Fx",
                                "a%20b",
                                "a%0Ab",
                                "a%0D%0AWARN%20forged",
                                "%00",
                                "x".repeat(200),
                                "a".repeat(4000),
                                "hs-",
                                "hs-00000000-0000-0000-0000-00000000000",
                                "hs-00000000-0000-0000-0000-0000000000000",
                                "HS-00000000-0000-0000-0000-000000000000",
                                "hs-0000000g-0000-0000-0000-000000000000",
                                "00000000-0000-0000-0000-000000000000x",
                                "%E2%80%AE",
                                "%7B%7D",
                                "%24%7Bjndi:ldap:%2F%2Fx%7D",
                                "'%20OR%201=1",
                                "%3Cscript%3E",
                                "null"));
        Random random = new Random(21);
        for (int i = 0; i < 20; i++) {
            StringBuilder id = new StringBuilder();
            int length = 1 + random.nextInt(80);
            for (int j = 0; j < length; j++) {
                id.append(String.format("%%%02X", 1 + random.nextInt(254)));
            }
            ids.add(id.toString());
        }
        return ids.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void aFlightForAnIdNoOneWasGivenIs404(String id) {
        given().contentType(ContentType.JSON)
                .urlEncodingEnabled(false)
                .body("{\"records\":\"FgMDAAA=\"}")
                .post("/api/v1/handshakes/" + id + "/flights")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void recordsAndCloseForAnIdNoOneWasGivenAre404(String id) {
        given().contentType(ContentType.JSON)
                .urlEncodingEnabled(false)
                .body("{\"records\":\"FwMDAAA=\"}")
                .post("/api/v1/sessions/" + id + "/records")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
        given().urlEncodingEnabled(false)
                .delete("/api/v1/sessions/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
    }

    @org.junit.jupiter.api.Test
    void aWellShapedButUnknownIdIsUnknown() {
        given().contentType(ContentType.JSON)
                .body("{\"records\":\"FgMDAAA=\"}")
                .post("/api/v1/handshakes/hs-00000000-0000-0000-0000-000000000000/flights")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/unknown-handshake"));
    }

    @org.junit.jupiter.api.Test
    void aMalformedIdIsAnUnknownHandshakeAndIsNotEchoed() {
        given().contentType(ContentType.JSON)
                .urlEncodingEnabled(false)
                .body("{\"records\":\"FgMDAAA=\"}")
                .post("/api/v1/handshakes/evil%20id%0Aforged/flights")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/unknown-handshake"))
                .body("detail", is("no such handshake: ids look like hs-<uuid>"));
    }
}
