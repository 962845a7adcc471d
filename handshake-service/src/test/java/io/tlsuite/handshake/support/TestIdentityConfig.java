package io.tlsuite.handshake.support;

import io.tlsuite.handshake.HandshakeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An enrolment configuration for tests and benchmarks: no configured addresses, no host name, the
 * rest as given.
 */
public record TestIdentityConfig(
        Duration validity,
        Optional<List<String>> dnsNames,
        List<String> keyTypes,
        Duration retryInitial,
        Duration retryMax)
        implements HandshakeConfig.Identity {

    /** One ECDSA P-256 certificate valid for a day, no extra names. */
    public static TestIdentityConfig ecdsa(Duration retryInitial, Duration retryMax) {
        return new TestIdentityConfig(
                Duration.ofDays(1), Optional.empty(), List.of("ec-p256"), retryInitial, retryMax);
    }

    @Override
    public Optional<List<String>> ipAddresses() {
        return Optional.empty();
    }

    @Override
    public boolean includeHostname() {
        return false;
    }

    @Override
    public Optional<String> sharedDir() {
        return Optional.empty();
    }
}
