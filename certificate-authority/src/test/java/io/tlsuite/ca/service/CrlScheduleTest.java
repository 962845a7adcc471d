package io.tlsuite.ca.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.PostgresTestResource;
import io.tlsuite.ca.store.CrlRepository;
import io.tlsuite.ca.store.CrlRepository.StoredCrl;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The CRL is reissued on schedule and never served past its nextUpdate (RFC 5280 §5.1.2.5). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class CrlScheduleTest {

    @Inject CrlService crls;
    @Inject CrlRepository repository;
    @Inject CaHierarchy hierarchy;

    private StoredCrl storeOld(Instant thisUpdate, Instant nextUpdate) {
        StoredCrl current = crls.current();
        StoredCrl old = new StoredCrl(current.number() + 1, thisUpdate, nextUpdate, current.der());
        repository.insert(hierarchy.intermediateSerial(), old);
        return old;
    }

    @Test
    void aCrlPastItsNextUpdateIsNeverServed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoredCrl stale = storeOld(now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(6)));

        byte[] der = given().get("/crl").then().statusCode(200).extract().asByteArray();
        X509CRL served =
                (X509CRL)
                        CertificateFactory.getInstance("X.509")
                                .generateCRL(new ByteArrayInputStream(der));
        assertThat(served.getNextUpdate().toInstant()).isAfter(Instant.now());
        assertThat(repository.latest(hierarchy.intermediateSerial()).orElseThrow().number())
                .isEqualTo(stale.number() + 1);
    }

    @Test
    void theSchedulerSignsANewCrlOnlyWhenOneIsDue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoredCrl recent = storeOld(now, now.plus(Duration.ofHours(24)));
        crls.reissueIfDue();
        assertThat(repository.latest(hierarchy.intermediateSerial()).orElseThrow().number())
                .as("not due: signed just now")
                .isEqualTo(recent.number());

        StoredCrl due = storeOld(now.minus(Duration.ofHours(13)), now.plus(Duration.ofHours(11)));
        crls.reissueIfDue();
        StoredCrl latest = repository.latest(hierarchy.intermediateSerial()).orElseThrow();
        assertThat(latest.number()).as("due after reissue-after = 12h").isEqualTo(due.number() + 1);
        assertThat(latest.thisUpdate()).isAfterOrEqualTo(now);
    }
}
