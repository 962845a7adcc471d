package io.tlsuite.protocol.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.testing.TestPki;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {
    @Test
    void wildcardOnlyAsTheWholeLeftmostLabel() {
        assertThat(HostnameMatcher.dnsMatches("*.example.com", "www.example.com")).isTrue();
        assertThat(HostnameMatcher.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(HostnameMatcher.dnsMatches("*.example.com", "example.com")).isFalse();
        assertThat(HostnameMatcher.dnsMatches("*.com", "example.com")).isFalse();
        assertThat(HostnameMatcher.dnsMatches("w*.example.com", "www.example.com")).isFalse();
        assertThat(HostnameMatcher.dnsMatches("Example.COM.", "example.com")).isTrue();
    }

    @Test
    void matchesSanDnsAndIpNotTheCommonName() {
        var leaf = TestPki.Shared.EC.leaf(); // SAN: DNS localhost, IP 127.0.0.1
        assertThat(HostnameMatcher.matches(leaf, "localhost")).isTrue();
        assertThat(HostnameMatcher.matches(leaf, "127.0.0.1")).isTrue();
        assertThat(HostnameMatcher.matches(leaf, "127.0.0.2")).isFalse();
        assertThat(HostnameMatcher.matches(leaf, "otherhost")).isFalse();
    }
}
