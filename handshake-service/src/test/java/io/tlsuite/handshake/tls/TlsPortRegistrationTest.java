package io.tlsuite.handshake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.sessions.SessionRegistry;
import io.tlsuite.handshake.support.StandInSessionStore;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestTls;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The TLS port registers its sessions in the store asynchronously, in batches: a session whose
 * registration has not reached the store yet (the store holds every request until the test lets it
 * go) still resumes, since resumption on the TLS port rests on the sealed ticket alone (any replica
 * holding the shared ticket key opens it); when the store answers, both sessions arrive, the
 * resumed one naming the one it came from, and each close after its registration.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
@WithTestResource(TlsPortRegistrationTest.HeldStore.class)
class TlsPortRegistrationTest {

    /** The stand-in session store, holding every request until the test releases it. */
    public static class HeldStore implements QuarkusTestResourceLifecycleManager {
        static StandInSessionStore store;

        @Override
        public Map<String, String> start() {
            try {
                store = new StandInSessionStore(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "handshake.session-store.enabled", "true",
                    "handshake.session-store.url", store.url(),
                    "handshake.session-store.token", "test-token",
                    // REST state sharing stays off: this test is about the TLS port's sessions.
                    "handshake.replicas.share-state", "false");
        }

        @Override
        public void stop() {
            if (store != null) {
                store.close();
            }
        }
    }

    private static final Pattern SESSION_ID =
            Pattern.compile("<th>session id</th><td>([0-9a-f-]{36})</td>");

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;
    @Inject TlsPortServer server;
    @Inject SessionRegistry registry;

    @Test
    void aSessionNotYetInTheStoreResumesAndBothArriveInOrder() throws Exception {
        assumeTrue(TestTls.hasOpenssl(), "no /usr/bin/openssl on this machine");
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        X509Certificate root = enrolment.current().orElseThrow().root();
        Path ticket = Files.createTempFile("session", ".pem");

        String first = page(root, "-tls1_3", "-sess_out", ticket.toString());
        assertThat(first).contains("New, TLSv1.3").contains("HTTP/1.1 200 OK");
        String firstId = sessionId(first);
        // The store has the first registration in hand and has not answered.
        HeldStore.store.firstArrived.await();
        assertThat(registry.registeredCount()).isZero();

        String second = page(root, "-tls1_3", "-sess_in", ticket.toString());
        assertThat(second).contains("Reused, TLSv1.3").contains("<th>resumed</th><td>yes</td>");
        String secondId = sessionId(second);
        assertThat(secondId).isNotEqualTo(firstId);

        HeldStore.store.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.registeredCount() == 2);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                HeldStore.store.operations.stream()
                                                .filter(o -> o.has("close"))
                                                .count()
                                        == 2);
        List<String> order = HeldStore.store.received();
        assertThat(order)
                .containsExactly(
                        "register " + firstId,
                        "close " + firstId,
                        "register " + secondId,
                        "close " + secondId);
        JsonNode resumed = HeldStore.store.operations.get(2).path("register");
        assertThat(resumed.path("resumedFrom").asText()).isEqualTo(firstId);
        assertThat(resumed.path("resumptionMethod").asText()).isEqualTo("psk");
        assertThat(resumed.path("keys").path("serverTrafficSecret").asText()).isNotEmpty();
        assertThat(registry.failedCount()).isZero();
    }

    private String page(X509Certificate root, String... options) throws Exception {
        return TestTls.opensslPage(server.port(), root, options);
    }

    private static String sessionId(String page) {
        Matcher m = SESSION_ID.matcher(page);
        assertThat(m.find()).as("a session id on the page").isTrue();
        return m.group(1);
    }
}
