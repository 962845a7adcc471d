package io.tlsuite.handshake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerAddressLimitTest {

    private static final InetAddress ONE = InetAddress.getLoopbackAddress();

    private static InetAddress other() throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, 7});
    }

    @Test
    void admitsUpToTheLimitPerAddressAndAgainAfterARelease() throws Exception {
        PerAddressLimit limit = new PerAddressLimit(3);
        List<PerAddressLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            permits.add(limit.admit(ONE).orElseThrow());
        }
        assertThat(limit.admit(ONE)).isEmpty();
        assertThat(limit.admit(other())).as("another address has its own budget").isPresent();
        permits.get(0).release();
        permits.get(0).release(); // twice counts once
        assertThat(limit.openFrom(ONE)).isEqualTo(2);
        assertThat(limit.admit(ONE)).isPresent();
        assertThat(limit.admit(ONE)).isEmpty();
    }

    @Test
    void concurrentAdmitsNeverExceedTheLimitAndAllReleasesReturnToZero() throws Exception {
        PerAddressLimit limit = new PerAddressLimit(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Optional<PerAddressLimit.Permit>>> tries =
                new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tries.add(pool.submit(() -> limit.admit(ONE)));
        }
        int admitted = 0;
        for (var t : tries) {
            Optional<PerAddressLimit.Permit> p = t.get();
            if (p.isPresent()) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(5);
        assertThat(limit.openFrom(ONE)).isEqualTo(5);
        for (var t : tries) {
            t.get().ifPresent(PerAddressLimit.Permit::release);
        }
        assertThat(limit.openFrom(ONE)).isZero();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new PerAddressLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-connections-per-address");
    }
}
