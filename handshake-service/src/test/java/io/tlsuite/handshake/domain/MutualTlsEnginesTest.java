package io.tlsuite.handshake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.events.HandshakeOutcomes;
import io.tlsuite.handshake.events.RevokedCertificates;
import io.tlsuite.handshake.identity.CertificateSigningRequest;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.sessions.NoSessionRegistry;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.handshake.support.TestIdentityConfig;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.service.events.BufferedEventPublisher;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerEngines} with {@code handshake.tls.client-auth=required}, wired by hand (no
 * Quarkus): the client certificate must come from the suite CA, and a serial seen revoked is
 * refused.
 */
class MutualTlsEnginesTest {

    TestCertificateAuthority ca;
    IdentityEnrolment enrolment;
    EventPublisher kafka;
    ServerEngines engines;

    @BeforeEach
    void wire() throws Exception {
        ca = new TestCertificateAuthority();
        enrolment =
                new IdentityEnrolment(ca.client(new ObjectMapper()), identity(), Clock.systemUTC());
        enrolment.start();
        kafka =
                EventPublisher.create(
                        "localhost:1", "/tlsuite/test/mtls", Map.of("max.block.ms", 50));
        engines = engines("required");
    }

    ServerEngines engines(String clientAuth) throws Exception {
        ServerEngines e = new ServerEngines();
        e.enrolment = enrolment;
        e.config =
                config(
                        Files.createTempDirectory("mtls").resolve("ticket-key").toString(),
                        clientAuth);
        e.events = new BufferedEventPublisher(kafka, 100, new SimpleMeterRegistry());
        e.outcomes = new HandshakeOutcomes(new SimpleMeterRegistry());
        e.sessions = new NoSessionRegistry();
        e.revoked = new RevokedCertificates();
        e.stapling = io.tlsuite.protocol.config.OcspStapling.NONE;
        e.instance = "test";
        e.init();
        await().atMost(Duration.ofSeconds(10)).until(e::ready);
        return e;
    }

    @AfterEach
    void stop() {
        enrolment.close();
        kafka.close();
        ca.close();
    }

    TlsEngine client(KeyPair key, List<X509Certificate> chain) {
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(ca.root)));
        if (key != null) {
            b.certificate(chain, key.getPrivate());
        }
        return TlsEngine.client(b.build());
    }

    static void pump(TlsEngine client, TlsEngine server) {
        byte[] toServer = client.start().outbound();
        for (int i = 0; i < 10 && toServer.length > 0 && !server.isClosed(); i++) {
            EngineOutput s = server.feed(toServer);
            toServer = client.feed(s.outbound()).outbound();
        }
    }

    @Test
    void requiredClientCertificateIsCheckedAgainstTheSuiteRootAndRevocations() throws Exception {
        KeyPair kp = TestCertificateAuthority.keyPair();
        var issued =
                ca.client(new ObjectMapper())
                        .issue(
                                CertificateSigningRequest.pem(
                                        kp, List.of("agent-1.test"), List.of()),
                                "client",
                                Duration.ofDays(1));
        List<X509Certificate> chain = issued.chain().subList(0, 2);

        ServerEngines.Handle ok =
                engines.newEngine(new HandshakeEventRecorder("hs-1", "test", "peer", e -> {}))
                        .orElseThrow();
        pump(client(kp, chain), ok.engine);
        assertThat(ok.engine.isHandshakeComplete()).isTrue();
        assertThat(
                        ok.engine
                                .negotiated()
                                .orElseThrow()
                                .peerCertificates()
                                .get(0)
                                .getSubjectX500Principal()
                                .getName())
                .isEqualTo("CN=agent-1.test,OU=handshake-service,O=TLS Suite");

        ServerEngines.Handle none =
                engines.newEngine(new HandshakeEventRecorder("hs-2", "test", "peer", e -> {}))
                        .orElseThrow();
        pump(client(null, List.of()), none.engine);
        assertThat(none.engine.failure()).contains(AlertDescription.CERTIFICATE_REQUIRED);

        // A certificate from another CA is refused.
        try (TestCertificateAuthority other = new TestCertificateAuthority()) {
            KeyPair kp2 = TestCertificateAuthority.keyPair();
            X509Certificate foreign =
                    other.issueFor(
                            kp2.getPublic(),
                            "intruder",
                            org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth,
                            null);
            ServerEngines.Handle stranger =
                    engines.newEngine(new HandshakeEventRecorder("hs-3", "test", "peer", e -> {}))
                            .orElseThrow();
            pump(client(kp2, List.of(foreign, other.intermediate)), stranger.engine);
            // The stranger's CA has the same names as ours but other keys: the chain does not
            // verify.
            assertThat(stranger.engine.isHandshakeComplete()).isFalse();
            assertThat(stranger.engine.failure().orElseThrow())
                    .isIn(AlertDescription.UNKNOWN_CA, AlertDescription.BAD_CERTIFICATE);
        }

        engines.revoked.revoked(issued.serial());
        ServerEngines.Handle revoked =
                engines.newEngine(new HandshakeEventRecorder("hs-4", "test", "peer", e -> {}))
                        .orElseThrow();
        pump(client(kp, chain), revoked.engine);
        assertThat(revoked.engine.failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
    }

    @Test
    void aRequestNeverLowersTheConfiguredDemand() {
        ServerEngines.Handle h =
                engines.newEngine(
                                new HandshakeEventRecorder("hs-5", "test", "peer", e -> {}),
                                ClientAuth.NONE)
                        .orElseThrow();
        assertThat(h.clientAuth).isEqualTo(ClientAuth.REQUIRED);
        pump(client(null, List.of()), h.engine);
        assertThat(h.engine.failure()).contains(AlertDescription.CERTIFICATE_REQUIRED);
    }

    @Test
    void aDemandMadeForOneHandshakeMovesWithItsSuspendedEngine() throws Exception {
        ServerEngines lenient = engines("none");
        ServerEngines.Handle asked =
                lenient.newEngine(
                                new HandshakeEventRecorder("hs-6", "test", "peer", e -> {}),
                                ClientAuth.REQUIRED)
                        .orElseThrow();
        TlsEngine client = client(null, List.of());
        byte[] serverFlight = asked.engine.feed(client.start().outbound()).outbound();
        assertThat(asked.engine.stateName()).isEqualTo("ExpectClientCertificate");
        byte[] snapshot = asked.engine.suspend();
        // Another replica configured none resumes it: the demand came with the handshake.
        ServerEngines.Handle resumed =
                lenient.resumeEngine(
                                new HandshakeEventRecorder("hs-6", "test", "peer", e -> {}),
                                asked.sessionId,
                                null,
                                snapshot,
                                asked.clientAuth)
                        .orElseThrow();
        resumed.engine.feed(client.feed(serverFlight).outbound());
        assertThat(resumed.engine.failure()).contains(AlertDescription.CERTIFICATE_REQUIRED);
    }

    static HandshakeConfig.Identity identity() {
        return TestIdentityConfig.ecdsa(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    /** Only what ServerEngines reads: the TLS section. */
    static HandshakeConfig config(String ticketKeyFile, String clientAuth) {
        HandshakeConfig.Tls tls =
                (HandshakeConfig.Tls)
                        Proxy.newProxyInstance(
                                HandshakeConfig.class.getClassLoader(),
                                new Class<?>[] {HandshakeConfig.Tls.class},
                                (p, m, a) ->
                                        switch (m.getName()) {
                                            case "clientAuth" -> clientAuth;
                                            case "ticketLifetimeSeconds" -> 7200L;
                                            case "ticketKeyFile" -> ticketKeyFile;
                                            case "versions" -> List.of("TLSv1.3", "TLSv1.2");
                                            default ->
                                                    throw new UnsupportedOperationException(
                                                            m.getName());
                                        });
        // The defaults: TLS 1.2 clients need not offer RFC 7627 / RFC 5746.
        HandshakeConfig.Tls12 tls12 =
                (HandshakeConfig.Tls12)
                        Proxy.newProxyInstance(
                                HandshakeConfig.class.getClassLoader(),
                                new Class<?>[] {HandshakeConfig.Tls12.class},
                                (p, m, a) -> false);
        return (HandshakeConfig)
                Proxy.newProxyInstance(
                        HandshakeConfig.class.getClassLoader(),
                        new Class<?>[] {HandshakeConfig.class},
                        (p, m, a) -> {
                            if (m.getName().equals("tls")) {
                                return tls;
                            }
                            if (m.getName().equals("tls12")) {
                                return tls12;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
    }
}
