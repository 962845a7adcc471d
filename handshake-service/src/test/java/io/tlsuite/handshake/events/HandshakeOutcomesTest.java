package io.tlsuite.handshake.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.handshake.HandshakeStarted;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeOutcomesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HandshakeOutcomes outcomes = new HandshakeOutcomes(registry);

    private Timer timer(String outcome) {
        return registry.get(HandshakeOutcomes.METER).tag("outcome", outcome).timer();
    }

    @Test
    void bothOutcomesExistAtZeroBeforeAnyHandshake() {
        assertThat(timer("completed").count()).isZero();
        assertThat(timer("failed").count()).isZero();
    }

    @Test
    void completedAndFailedHandshakesAreTimedApartFromTheirOwnElapsedTime() {
        outcomes.record(
                new HandshakeCompleted(
                        "hs-1",
                        "s-1",
                        "TLS 1.3",
                        "TLS_AES_128_GCM_SHA256",
                        "x25519",
                        false,
                        false,
                        null,
                        true,
                        true,
                        4_000));
        outcomes.record(
                new HandshakeCompleted(
                        "hs-2",
                        "s-2",
                        "TLS 1.2",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "secp256r1",
                        false,
                        false,
                        null,
                        true,
                        true,
                        6_000));
        outcomes.record(
                new HandshakeFailed(
                        "hs-3",
                        "bad_certificate",
                        "client",
                        "WaitFinished",
                        "the client sent",
                        12_000));

        assertThat(timer("completed").count()).isEqualTo(2);
        assertThat(timer("completed").totalTime(TimeUnit.MICROSECONDS)).isEqualTo(10_000);
        assertThat(timer("failed").count()).isEqualTo(1);
        assertThat(timer("failed").totalTime(TimeUnit.MICROSECONDS)).isEqualTo(12_000);
    }

    @Test
    void eventsThatDoNotEndAHandshakeAreNotCounted() {
        outcomes.record(new HandshakeStarted("hs-4", "tcp", "127.0.0.1:5000", 0));

        assertThat(timer("completed").count()).isZero();
        assertThat(timer("failed").count()).isZero();
    }

    @Test
    void aFourMillisecondHandshakeFallsInTheFiveMillisecondBucket() {
        outcomes.record(
                new HandshakeCompleted(
                        "hs-5",
                        "s-5",
                        "TLS 1.3",
                        "TLS_AES_128_GCM_SHA256",
                        "x25519",
                        false,
                        false,
                        null,
                        true,
                        true,
                        4_000));

        var buckets = timer("completed").takeSnapshot().histogramCounts();
        assertThat(buckets)
                .filteredOn(b -> b.bucket(TimeUnit.MILLISECONDS) == 2.0)
                .singleElement()
                .satisfies(b -> assertThat(b.count()).isZero());
        assertThat(buckets)
                .filteredOn(b -> b.bucket(TimeUnit.MILLISECONDS) == 5.0)
                .singleElement()
                .satisfies(b -> assertThat(b.count()).isEqualTo(1));
    }
}
