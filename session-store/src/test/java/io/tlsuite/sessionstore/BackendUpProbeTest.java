package io.tlsuite.sessionstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BackendUpProbeTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BackendUpProbe probe = new BackendUpProbe();

    private double value() {
        return registry.get(BackendUpProbe.METER).tag("backend", "redis").gauge().value();
    }

    @Test
    void followsThePingDownAndBackUp() {
        probe.register(registry, "redis");
        assertThat(value()).isZero();

        probe.probe(() -> {});
        assertThat(value()).isEqualTo(1.0);

        probe.probe(
                () -> {
                    throw new IllegalStateException("connection refused");
                });
        assertThat(value()).isZero();

        probe.probe(() -> {});
        assertThat(value()).isEqualTo(1.0);
    }
}
