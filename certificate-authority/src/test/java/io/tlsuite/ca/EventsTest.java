package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.service.ExpirySweeper;
import io.tlsuite.events.Topics;
import io.tlsuite.events.certificate.CertificateExpired;
import io.tlsuite.events.certificate.CertificateIssued;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.certificate.CrlPublished;
import io.tlsuite.events.certificate.ValidationPerformed;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import io.tlsuite.service.testing.TopicReader;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class EventsTest {

    private static TopicReader reader;

    @Inject ExpirySweeper sweeper;

    @BeforeAll
    static void subscribe() {
        reader = TopicReader.of(SharedBroker.get().bootstrapServers(), Topics.CERTIFICATES);
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void theHierarchyWasAnnouncedAtFirstStart() {
        String root = CaApi.root().getSerialNumber().toString(16);
        String intermediate = CaApi.chain().get(0).getSerialNumber().toString(16);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            assertThat(reader.typesOf(root)).contains("tls.certificate.issued");
                            assertThat(reader.typesOf(intermediate))
                                    .contains("tls.certificate.issued");
                        });
        CertificateIssued issued =
                (CertificateIssued)
                        reader.poll().stream()
                                .filter(r -> root.equals(r.key()))
                                .findFirst()
                                .orElseThrow()
                                .envelope()
                                .data();
        assertThat(issued.profile()).isEqualTo("root");
    }

    @Test
    void issuedRevokedCrlAndValidationEventsReachKafkaInOrder() {
        var response =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "ev.test", "DNS:ev.test"), "server");
        String serial = response.path("serial");
        CaApi.revoke(serial, "superseded").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "chain",
                                response.<String>path("certificate")
                                        + response.<String>path("chain"),
                                "hostname",
                                "ev.test"))
                .post("/api/v1/validations")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(reader.typesOf(serial))
                                        .containsExactly(
                                                "tls.certificate.issued",
                                                "tls.certificate.revoked",
                                                "tls.certificate.validation-performed"));
        List<TopicReader.Received> events =
                reader.poll().stream().filter(r -> serial.equals(r.key())).toList();
        CertificateIssued issued = (CertificateIssued) events.get(0).envelope().data();
        assertThat(issued.subjectAlternativeNames()).containsExactly("DNS:ev.test");
        assertThat(issued.keyAlgorithm()).isEqualTo("EC P-256");
        assertThat(issued.fingerprintSha256()).hasSize(64);
        CertificateRevoked revoked = (CertificateRevoked) events.get(1).envelope().data();
        assertThat(revoked.reason()).isEqualTo("superseded");
        ValidationPerformed validation = (ValidationPerformed) events.get(2).envelope().data();
        assertThat(validation.valid()).isFalse();
        assertThat(validation.problems()).anyMatch(p -> p.contains("revoked"));

        String intermediate = CaApi.chain().get(0).getSerialNumber().toString(16);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(
                                                reader.poll().stream()
                                                        .filter(r -> intermediate.equals(r.key()))
                                                        .map(r -> r.envelope().data())
                                                        .filter(CrlPublished.class::isInstance)
                                                        .map(CrlPublished.class::cast)
                                                        .anyMatch(c -> c.revokedCount() >= 1))
                                        .isTrue());
    }

    @Test
    void theSweeperExpiresCertificatesPastTheirNotAfter() {
        String serial =
                CaApi.issueOk(
                                TestCsr.csr(KeyType.EC_P256, "short.test", "DNS:short.test"),
                                "server",
                                "validityMinutes",
                                1)
                        .path("serial");
        // Certificates of other tests in this database (a backdated one) may expire in this sweep;
        // the one issued here must not.
        sweeper.sweep(Instant.now());
        given().get("/api/v1/certificates/" + serial)
                .then()
                .body("status", org.hamcrest.Matchers.is("valid"));

        assertThat(sweeper.sweep(Instant.now().plus(Duration.ofMinutes(2))))
                .isGreaterThanOrEqualTo(1);
        given().get("/api/v1/certificates/" + serial)
                .then()
                .body("status", org.hamcrest.Matchers.is("expired"));
        assertThat(sweeper.sweep(Instant.now().plus(Duration.ofMinutes(2)))).isZero();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(reader.typesOf(serial))
                                        .containsExactly(
                                                "tls.certificate.issued",
                                                "tls.certificate.expired"));
        CertificateExpired expired =
                (CertificateExpired)
                        reader.poll().stream()
                                .filter(
                                        r ->
                                                serial.equals(r.key())
                                                        && r.envelope().data()
                                                                instanceof CertificateExpired)
                                .findFirst()
                                .orElseThrow()
                                .envelope()
                                .data();
        assertThat(expired.notAfter()).isBefore(Instant.now().plus(Duration.ofMinutes(2)));
    }
}
