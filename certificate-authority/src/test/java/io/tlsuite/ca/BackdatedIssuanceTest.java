package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class BackdatedIssuanceTest {

    private static Map<String, Object> body(String csr, Instant from, Instant to) {
        return Map.of(
                "csr",
                csr,
                "profile",
                "server",
                "notBefore",
                from.toString(),
                "notAfter",
                to.toString());
    }

    @Test
    void theAdminGetsAnAlreadyExpiredCertificateThatChainsToTheRoot() throws Exception {
        Instant from = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Response r =
                given().header("Authorization", CaApi.ADMIN)
                        .contentType(ContentType.JSON)
                        .body(
                                body(
                                        TestCsr.csr(
                                                KeyType.EC_P256,
                                                "expired.lab.test",
                                                "DNS:expired.lab.test"),
                                        from,
                                        to))
                        .post("/api/v1/certificates/backdated");
        r.then().statusCode(201);
        X509Certificate leaf = CaApi.leaf(r);
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(to);
        assertThatThrownBy(leaf::checkValidity).isInstanceOf(CertificateExpiredException.class);
        leaf.verify(CaApi.chain().get(0).getPublicKey());
    }

    @Test
    void withoutTheAdminTokenItIsRefused() {
        Instant now = Instant.now();
        given().contentType(ContentType.JSON)
                .body(
                        body(
                                TestCsr.csr(KeyType.EC_P256, "x.test", "DNS:x.test"),
                                now.minusSeconds(7200),
                                now.minusSeconds(3600)))
                .post("/api/v1/certificates/backdated")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/unauthorized"));
    }

    @Test
    void anInvertedWindowIsAProblemNotAnError() {
        Instant now = Instant.now();
        given().header("Authorization", CaApi.ADMIN)
                .contentType(ContentType.JSON)
                .body(
                        body(
                                TestCsr.csr(KeyType.EC_P256, "y.test", "DNS:y.test"),
                                now,
                                now.minusSeconds(60)))
                .post("/api/v1/certificates/backdated")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/lifetime-out-of-bounds"));
    }
}
