package io.tlsuite.handshake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas behind one name (compose: behind the balancer) that mount one directory present one
 * identity: one enrols, the other takes it; a revocation of it re-enrols once for both.
 */
class SharedIdentityTest {

    TestCertificateAuthority ca;
    @TempDir Path dir;

    @BeforeEach
    void ca() throws Exception {
        ca = new TestCertificateAuthority();
    }

    @AfterEach
    void stop() {
        ca.close();
    }

    /** Both key types, like the service's default, sharing {@code dir}. */
    record Shared(Path dir) implements HandshakeConfig.Identity {
        @Override
        public Duration validity() {
            return Duration.ofDays(30);
        }

        @Override
        public Optional<List<String>> dnsNames() {
            return Optional.of(List.of("hs.example.test"));
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
        public Duration retryInitial() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofMillis(400);
        }

        @Override
        public List<String> keyTypes() {
            return List.of("ec-p256", "rsa-2048");
        }

        @Override
        public Optional<String> sharedDir() {
            return Optional.of(dir.toString());
        }
    }

    private IdentityEnrolment replica() {
        return new IdentityEnrolment(
                ca.client(new ObjectMapper()), new Shared(dir), Clock.systemUTC());
    }

    @Test
    void twoReplicasPresentOneIdentityAndReenrolOnceWhenItIsRevoked() throws Exception {
        try (IdentityEnrolment one = replica();
                IdentityEnrolment two = replica()) {
            one.start();
            two.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> one.current().isPresent() && two.current().isPresent());
            ServerIdentity first = one.current().get();
            assertThat(two.current().get().serials()).isEqualTo(first.serials()).hasSize(2);
            assertThat(two.current().get().privateKey()).isEqualTo(first.privateKey());
            assertThat(ca.issuedCount()).isEqualTo(2); // one certificate per key type, once
            Path file = dir.resolve("identity.pem");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");

            // Both hear of the revocation (each reads tls.certificates): one enrols, one follows.
            one.reenrol("revoked (test)");
            two.reenrol("revoked (test)");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    !one.current().get().serials().equals(first.serials())
                                            && !two.current()
                                                    .get()
                                                    .serials()
                                                    .equals(first.serials()));
            assertThat(two.current().get().serials()).isEqualTo(one.current().get().serials());
            assertThat(ca.issuedCount()).isEqualTo(4);

            // A third replica started later takes the stored identity, enrols nothing.
            try (IdentityEnrolment three = replica()) {
                three.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> three.current().isPresent());
                assertThat(three.current().get().serials())
                        .isEqualTo(one.current().get().serials());
            }
            assertThat(ca.issuedCount()).isEqualTo(4);
        }
    }

    @Test
    void aStoredIdentityUnderAnotherRootIsReplaced() throws Exception {
        try (IdentityEnrolment one = replica()) {
            one.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> one.current().isPresent());
        }
        String before = Files.readString(dir.resolve("identity.pem"));
        ca.close();
        ca = new TestCertificateAuthority(); // a new CA, a new root
        try (IdentityEnrolment two = replica()) {
            two.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> two.current().isPresent());
            assertThat(two.current().get().root()).isEqualTo(ca.root);
            two.current().get().leaf().verify(ca.intermediate.getPublicKey());
        }
        assertThat(Files.readString(dir.resolve("identity.pem"))).isNotEqualTo(before);
    }
}
