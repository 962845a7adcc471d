package io.tlsuite.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;
import io.tlsuite.events.agent.AgentMessageExchanged;
import io.tlsuite.events.handshake.ClientHelloReceived;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.handshake.HandshakeStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIndexTest {

    private static EventIndex index(int events, int handshakes) {
        return new EventIndex(
                new EventIndex.Limits(events, handshakes, 100, 100, 10, 50, Duration.ofDays(7)),
                Topics.ALL);
    }

    @Test
    void aTls12RsaHandshakeIsDrawnAsTheClassicLadderInOrder() {
        EventIndex index = index(1000, 100);
        index.appendAll(Stories.decoded(Stories.rsaHandshake("hs-1", "s-1", "0a1b")));

        Ladder ladder = index.ladder("hs-1").orElseThrow();

        assertThat(ladder.lanes())
                .containsExactly("client", "handshake-service", "CA", "session-store");
        assertThat(ladder.arrows())
                .extracting(LadderArrow::message)
                .containsExactly(
                        "certificate issued",
                        "TCP connect",
                        "ClientHello",
                        "ServerHello",
                        "Certificate, ServerHelloDone",
                        "ClientKeyExchange",
                        "ChangeCipherSpec",
                        "Finished",
                        "ChangeCipherSpec, Finished",
                        "handshake complete",
                        "store session");
        LadderArrow cke = ladder.arrows().get(5);
        assertThat(cke.from()).isEqualTo("client");
        assertThat(cke.to()).isEqualTo("handshake-service");
        assertThat(cke.note()).contains("encrypted with the server's RSA public key");
        assertThat(cke.deltaMicros()).isEqualTo(900 - 120);
        assertThat(ladder.arrows().get(2).rawHex()).startsWith("0100007d0303");
        assertThat(ladder.arrows().get(0).context()).isTrue();
        assertThat(ladder.handshake().result()).isEqualTo("ok");
        assertThat(ladder.handshake().durationMicros()).isEqualTo(1100);
        assertThat(ladder.session().state()).isEqualTo("live");
    }

    @Test
    void aRevocationTerminatesTheSessionDestroysItsKeysAndShowsOnTheLadder() {
        EventIndex index = index(1000, 100);
        index.appendAll(Stories.decoded(Stories.rsaHandshake("hs-2", "s-2", "0c0d")));
        index.appendAll(Stories.decoded(Stories.revocation("s-2", "0c0d")));

        SessionView s = index.session("s-2").orElseThrow();
        assertThat(s.state()).isEqualTo("terminated");
        assertThat(s.keysDestroyed()).isTrue();
        assertThat(s.endReason()).isEqualTo("certificate-revoked");
        CertificateView c = index.certificate("0c0d", Instant.now()).orElseThrow();
        assertThat(c.state()).isEqualTo("revoked");
        assertThat(c.sessions()).containsExactly("s-2");
        assertThat(c.sessionCount()).isEqualTo(1);
        assertThat(index.ladder("hs-2").orElseThrow().arrows())
                .extracting(LadderArrow::message)
                .endsWith("certificate revoked", "session terminated", "keys destroyed");
        assertThat(index.anomalies(10, null))
                .extracting(Anomaly::kind)
                .contains("certificate-revoked", "session-terminated");
    }

    @Test
    void filtersFollowASessionIntoItsHandshakeAndBack() {
        EventIndex index = index(1000, 100);
        index.appendAll(Stories.decoded(Stories.rsaHandshake("hs-3", "s-3", "0e0f")));
        index.appendAll(Stories.decoded(Stories.rsaHandshake("hs-4", "s-4", "0e0f")));

        var bySession = index.events(filter(null, "s-3", null), 100, null, null).events();
        assertThat(bySession).extracting(DashboardEvent::handshakeId).containsOnly("hs-3");
        assertThat(bySession)
                .extracting(DashboardEvent::type)
                .contains("tls.handshake.client-hello-received", "tls.session.created");

        var byHandshake = index.events(filter("hs-4", null, null), 100, null, null).events();
        assertThat(byHandshake).extracting(DashboardEvent::type).contains("tls.session.created");
        assertThat(byHandshake)
                .allMatch(e -> "hs-4".equals(e.handshakeId()) || "s-4".equals(e.sessionId()));
    }

    @Test
    void pagesGoBackwardAndForwardWithoutGapsOrRepeats() {
        EventIndex index = index(1000, 100);
        List<LifecycleEvent> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(new HandshakeStarted("h" + i, "rest", "p", 0));
        }
        index.appendAll(Stories.decoded(many));
        List<Long> seen = new ArrayList<>();
        Long before = null;
        EventIndex.Page page;
        do {
            page = index.events(EventFilter.ALL, 100, before, null);
            List<Long> seqs = page.events().stream().map(DashboardEvent::sequence).toList();
            seen.addAll(0, seqs);
            before = seqs.isEmpty() ? null : seqs.get(0);
        } while (page.more());
        assertThat(seen).hasSize(250).isSorted().doesNotHaveDuplicates();
        assertThat(index.events(EventFilter.ALL, 100, null, 240L).events())
                .extracting(DashboardEvent::sequence)
                .containsExactly(241L, 242L, 243L, 244L, 245L, 246L, 247L, 248L, 249L, 250L);
    }

    @Test
    void everyViewStaysWithinItsBound() {
        EventIndex index = index(100, 20);
        List<LifecycleEvent> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(
                    new HandshakeFailed(
                            "h" + i, "decrypt_error", "server", "WAIT_FINISHED", "bad", 5));
        }
        index.appendAll(Stories.decoded(many));
        assertThat(index.total()).isEqualTo(500);
        assertThat(index.sizes())
                .containsEntry("events", 100)
                .containsEntry("handshakes", 20)
                .containsEntry("anomalies", 50);
        assertThat(index.events(EventFilter.ALL, 1000, null, null).events())
                .hasSize(100)
                .first()
                .extracting(DashboardEvent::sequence)
                .isEqualTo(401L);
        assertThat(index.handshakes(1000, null, null, null)).hasSize(20);
        assertThat(index.rates(60, Instant.now()).failuresByAlert())
                .containsEntry("decrypt_error", 500L);
    }

    @Test
    void anOldVersionOnlyClientHelloIsADowngradeAttempt() {
        EventIndex index = index(100, 20);
        index.appendAll(
                Stories.decoded(
                        List.of(
                                new ClientHelloReceived(
                                        "old",
                                        "TLS 1.0",
                                        List.of(),
                                        "00",
                                        List.of("TLS_RSA_WITH_AES_128_CBC_SHA"),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null,
                                        List.of(),
                                        List.of(),
                                        "01",
                                        5),
                                new AgentMessageExchanged("run", "nosuch", "sent", 10, 32, 1))));
        assertThat(index.anomalies(10, "downgrade-attempt"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("TLS 1.0"));
        assertThat(index.runs(10))
                .singleElement()
                .satisfies(r -> assertThat(r.messages()).isEqualTo(1));
    }

    private static EventFilter filter(String handshake, String session, String type) {
        return new EventFilter(
                null, type, null, handshake, session, null, null, null, null, null, null, null);
    }
}
