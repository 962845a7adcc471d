package io.tlsuite.handshake.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class RevocationReenrolmentTest {

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;
    @Inject RevokedCertificates revoked;
    @Inject io.micrometer.core.instrument.MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void revocationOfOurSerialOnTlsCertificatesReenrolsAtOnce() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        String serial = enrolment.current().orElseThrow().serial();
        long before = enrolment.enrolments();
        // Genuine revocations: the CA's own record says so.
        TestCaResource.ca().revoke("deadbeef01");
        TestCaResource.ca().revoke(serial);
        try (EventPublisher kafka =
                EventPublisher.create(bootstrap, "/tlsuite/test/ca", Map.of())) {
            kafka.publish(
                            new CertificateRevoked(
                                    "deadbeef01",
                                    "CN=someone else",
                                    "keyCompromise",
                                    Instant.now()))
                    .toCompletableFuture()
                    .get();
            kafka.publish(
                            new CertificateRevoked(
                                    serial.toUpperCase(),
                                    "CN=localhost",
                                    "keyCompromise",
                                    Instant.now()))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> enrolment.enrolments() > before);
        assertThat(enrolment.current().orElseThrow().serial()).isNotEqualTo(serial);
        assertThat(revoked.isRevoked(new BigInteger("deadbeef01", 16))).isTrue();
        // New connections use the new certificate.
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                engines.identity()
                                        .orElseThrow()
                                        .serial()
                                        .equals(enrolment.current().get().serial()));
    }

    /**
     * A {@code certificate.revoked} that the CA does not confirm, published by a plain Kafka
     * producer as any local process could: nothing changes, and it is counted.
     */
    @Test
    void aForgedRevocationChangesNothing() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        String serial = enrolment.current().orElseThrow().serial();
        long before = enrolment.enrolments();
        double refusedBefore = refused();
        // Well-formed, from a producer of its own: only the CA's record tells it from a real one.
        try (EventPublisher forger =
                EventPublisher.create(
                        bootstrap, "/tlsuite/certificate-authority/local", Map.of())) {
            forger.publish(
                            new CertificateRevoked(
                                    serial, "CN=localhost", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> refused() > refusedBefore);
        assertThat(enrolment.enrolments()).isEqualTo(before);
        assertThat(enrolment.current().orElseThrow().serial()).isEqualTo(serial);
        assertThat(revoked.isRevoked(new BigInteger(serial, 16))).isFalse();
    }

    private double refused() {
        var counter =
                meters.find("handshake.revocation.events").tag("outcome", "unconfirmed").counter();
        return counter == null ? 0 : counter.count();
    }
}
