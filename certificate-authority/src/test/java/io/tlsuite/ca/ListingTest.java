package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ListingTest {

    @Test
    void filtersByStatusProfileSubjectAndExpiryAndPaginates() {
        String marker = "lst" + UUID.randomUUID().toString().substring(0, 8);
        String server1 =
                CaApi.issueOk(
                                TestCsr.csr(
                                        KeyType.EC_P256,
                                        marker + "-a.test",
                                        "DNS:" + marker + "-a.test"),
                                "server",
                                "validityDays",
                                5)
                        .path("serial");
        String server2 =
                CaApi.issueOk(
                                TestCsr.csr(
                                        KeyType.EC_P256,
                                        marker + "-b.test",
                                        "DNS:" + marker + "-b.test"),
                                "server",
                                "validityDays",
                                50)
                        .path("serial");
        String client =
                CaApi.issueOk(
                                TestCsr.csr(KeyType.EC_P256, marker.toUpperCase() + "-client"),
                                "client",
                                "validityDays",
                                5)
                        .path("serial");
        CaApi.revoke(server2, "superseded").then().statusCode(200);

        given().queryParam("subject", marker)
                .get("/api/v1/certificates")
                .then()
                .statusCode(200)
                .body("total", is(3))
                .body("items", hasSize(3));
        given().queryParam("subject", marker)
                .queryParam("status", "revoked")
                .get("/api/v1/certificates")
                .then()
                .body("total", is(1))
                .body("items[0].serial", is(server2))
                .body("items[0].revocationReason", is("superseded"));
        given().queryParam("subject", marker)
                .queryParam("profile", "client")
                .get("/api/v1/certificates")
                .then()
                .body("total", is(1))
                .body("items[0].serial", is(client));
        given().queryParam("subject", marker)
                .queryParam("expiringBefore", Instant.now().plus(Duration.ofDays(10)).toString())
                .get("/api/v1/certificates")
                .then()
                .body("total", is(2))
                .body("items.profile", everyItem(org.hamcrest.Matchers.oneOf("server", "client")));

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            paged.addAll(
                    given().queryParam("subject", marker)
                            .queryParam("size", 2)
                            .queryParam("page", page)
                            .get("/api/v1/certificates")
                            .then()
                            .body("total", is(3))
                            .extract()
                            .<List<String>>path("items.serial"));
        }
        assertThat(paged).hasSize(3);
        assertThat(new HashSet<>(paged)).containsExactlyInAnyOrder(server1, server2, client);

        given().queryParam("status", "sleeping")
                .get("/api/v1/certificates")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/invalid-request"));
        given().queryParam("expiringBefore", "tomorrow")
                .get("/api/v1/certificates")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/invalid-request"));
        given().queryParam("size", 0).get("/api/v1/certificates").then().statusCode(400);
    }

    @Test
    void theRootAndIntermediateAreListedToo() {
        given().queryParam("profile", "root")
                .get("/api/v1/certificates")
                .then()
                .body("total", is(1))
                .body("items[0].serial", is(CaApi.root().getSerialNumber().toString(16)));
        given().queryParam("profile", "intermediate")
                .get("/api/v1/certificates")
                .then()
                .body("total", is(1));
    }
}
