package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.events.session.SessionClosed;
import io.tlsuite.events.session.SessionCreated;
import io.tlsuite.events.session.SessionExpired;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.events.session.SessionResumed;
import io.tlsuite.events.session.SessionTerminated;
import io.tlsuite.sessionstore.domain.KeyMaterial;
import io.tlsuite.sessionstore.domain.MutableClock;
import io.tlsuite.sessionstore.domain.RecordingSink;
import io.tlsuite.sessionstore.domain.RegistryException;
import io.tlsuite.sessionstore.domain.Rejection;
import io.tlsuite.sessionstore.domain.Session;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.tlsuite.sessionstore.domain.SessionBackend.SessionFilter;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import io.tlsuite.sessionstore.domain.SessionRegistry.NewSession;
import io.tlsuite.sessionstore.domain.SessionRegistry.NewTicket;
import io.tlsuite.sessionstore.domain.SessionState;
import io.tlsuite.sessionstore.domain.Ticket;
import io.tlsuite.sessionstore.domain.TicketKind;
import io.tlsuite.sessionstore.domain.TicketState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every backend must give the registry: run once per backend (in memory, Redis), with
 * a hand-moved clock and a recording event sink.
 */
public abstract class SessionRegistryContract {

    static final String ENVELOPE =
            "k1:"
                    + Base64.getEncoder()
                            .encodeToString(
                                    "0123456789abcdef0123456789abcdef"
                                            .getBytes(StandardCharsets.UTF_8));

    protected MutableClock clock;
    protected RecordingSink sink;
    protected SessionBackend backend;
    protected SessionRegistry registry;
    protected EnvelopeCipher cipher;

    /** A fresh, empty backend. */
    protected abstract SessionBackend newBackend();

    /** A second handle on the same stored data, as a restarted service would open it. */
    protected abstract SessionBackend reopen();

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T12:00:00.123Z"));
        sink = new RecordingSink();
        backend = newBackend();
        cipher = EnvelopeCipher.fromSpec(ENVELOPE, null);
        registry = registryOn(backend, cipher);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    protected SessionRegistry registryOn(SessionBackend b, EnvelopeCipher c) {
        return new SessionRegistry(b, c, sink, clock, SessionRegistry.Settings.defaults());
    }

    static NewSession request(String id, String serverSerial, String clientSerial) {
        return new NewSession(
                id,
                "hs-" + id,
                "client-1",
                "server.tlsuite.test",
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                serverSerial,
                clientSerial,
                null,
                null,
                null,
                null);
    }

    static KeyMaterial keys() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("clientTrafficSecret", fill(32, 1));
        m.put("serverTrafficSecret", fill(32, 2));
        m.put("resumptionSecret", fill(32, 3));
        return KeyMaterial.adopt(m);
    }

    static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static String newId() {
        return "s-" + UUID.randomUUID();
    }

    // --- register, read, keys

    @Test
    void registersASessionAndKeepsItsMetadataAndKeysApart() {
        String id = newId();
        KeyMaterial keys = keys();
        Session s = registry.register(request(id, "0A1B", "0C2D"), keys);

        assertThat(keys.isDestroyed())
                .as("the caller's plaintext is zeroised after sealing")
                .isTrue();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        Session read = registry.get(id);
        assertThat(read).isEqualTo(s);
        assertThat(read.keyCount()).isEqualTo(3);
        assertThat(read.keyBytes()).isEqualTo(96);

        try (KeyMaterial back = registry.keys(id)) {
            assertThat(back.names())
                    .containsExactly(
                            "clientTrafficSecret", "serverTrafficSecret", "resumptionSecret");
            assertThat(back.get("serverTrafficSecret")).isEqualTo(fill(32, 2));
        }
        byte[] sealed = backend.sealedKeys(id).orElseThrow();
        assertThat(indexOf(sealed, fill(32, 2))).as("keys are encrypted at rest").isEqualTo(-1);

        SessionCreated created = sink.of(SessionCreated.class, id).get(0);
        assertThat(created.serverCertificateSerial()).isEqualTo("0A1B");
        assertThat(created.clientCertificateSerial()).isEqualTo("0C2D");
        assertThat(created.expiresAt()).isEqualTo(s.expiresAt());
    }

    @Test
    void aSecondRegistrationOfAnIdIsRefusedAndLosesNothing() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        KeyMaterial other = keys();
        assertThatThrownBy(() -> registry.register(request(id, "02", null), other))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).rejection())
                .isEqualTo(Rejection.SESSION_EXISTS);
        assertThat(other.isDestroyed()).isTrue();
        assertThat(registry.get(id).serverCertificateSerial()).isEqualTo("01");
        assertThat(sink.of(SessionCreated.class, id)).hasSize(1);
    }

    @Test
    void unknownIdsAreNotFound() {
        assertRejected(() -> registry.get("nope"), Rejection.SESSION_NOT_FOUND);
        assertRejected(() -> registry.keys("nope"), Rejection.SESSION_NOT_FOUND);
        assertRejected(
                () -> registry.close("nope", "client", "close_notify"),
                Rejection.SESSION_NOT_FOUND);
    }

    @Test
    void refusesLifetimesInThePastOrBeyondTheMaximum() {
        NewSession past = withExpiry(request(newId(), "01", null), clock.instant().minusSeconds(1));
        assertRejected(() -> registry.register(past, keys()), Rejection.INVALID_REQUEST);
        NewSession tooLong =
                withExpiry(request(newId(), "01", null), clock.instant().plus(Duration.ofDays(2)));
        assertRejected(() -> registry.register(tooLong, keys()), Rejection.INVALID_REQUEST);
    }

    @Test
    void aResumedSessionAnnouncesWhereItCameFrom() {
        String origin = newId();
        registry.register(request(origin, "01", null), keys());
        String id = newId();
        NewSession r = request(id, "01", null);
        registry.register(
                new NewSession(
                        r.id(),
                        r.handshakeId(),
                        r.client(),
                        r.server(),
                        r.protocolVersion(),
                        r.cipherSuite(),
                        r.serverCertificateSerial(),
                        null,
                        null,
                        null,
                        origin,
                        "psk"),
                keys());
        SessionResumed resumed = sink.of(SessionResumed.class, id).get(0);
        assertThat(resumed.resumedFrom()).isEqualTo(origin);
        assertThat(resumed.method()).isEqualTo("psk");
        assertThat(registry.get(id).resumedFrom()).isEqualTo(origin);
    }

    // --- close

    @Test
    void closeDestroysKeysWithdrawsTicketsAndIsIdempotent() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.PSK, null, 1), identity("t1"), fill(32, 9));

        SessionRegistry.Ending ending = registry.close(id, "client", "close_notify");

        assertThat(ending.alreadyEnded()).isFalse();
        assertThat(ending.ticketsWithdrawn()).isEqualTo(1);
        assertThat(ending.session().state()).isEqualTo(SessionState.CLOSED);
        assertThat(backend.sealedKeys(id)).isEmpty();
        assertRejected(() -> registry.keys(id), Rejection.SESSION_ENDED);
        assertRejected(() -> registry.redeem(identity("t1")), Rejection.TICKET_WITHDRAWN);
        SessionKeysDestroyed destroyed = sink.of(SessionKeysDestroyed.class, id).get(0);
        assertThat(destroyed.cause()).isEqualTo("closed");
        assertThat(destroyed.keysDestroyed()).isEqualTo(3);
        assertThat(destroyed.bytesZeroised()).isEqualTo(96);
        assertThat(sink.of(SessionClosed.class, id).get(0).closedBy()).isEqualTo("client");
        assertThat(sink.ticketsEnded(TicketState.WITHDRAWN)).isEqualTo(1);

        SessionRegistry.Ending again = registry.close(id, "server", "close_notify");
        assertThat(again.alreadyEnded()).isTrue();
        assertThat(sink.of(SessionClosed.class, id)).as("no second event").hasSize(1);
        assertThat(backend.liveSessions()).isZero();
        assertThat(backend.liveTickets()).isZero();
    }

    // --- listing

    @Test
    void listsWithFiltersAndStablePages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "list-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            registry.register(request(id, i % 2 == 0 ? "AA" : "BB", null), keys());
        }
        registry.close(ids.get(0), "client", "close_notify");

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            SessionRegistry.Page page =
                    registry.list(new SessionFilter(null, null, null), after, 3);
            assertThat(page.items().size()).isLessThanOrEqualTo(3);
            page.items().forEach(s -> seen.add(s.id()));
            after = page.next();
        } while (after != null);
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());

        assertThat(
                        registry.list(new SessionFilter(SessionState.ACTIVE, "aa", null), null, 50)
                                .items())
                .extracting(Session::id)
                .containsExactlyInAnyOrder(ids.get(2), ids.get(4), ids.get(6));
        assertThat(
                        registry.list(new SessionFilter(SessionState.CLOSED, null, null), null, 50)
                                .items())
                .extracting(Session::id)
                .containsExactly(ids.get(0));
        assertThat(registry.list(new SessionFilter(null, null, "someone-else"), null, 50).items())
                .isEmpty();
    }

    // --- expiry

    @Test
    void theSweepExpiresSessionsAndTicketsPastTheirLifetimeAndLaterForgetsThem() {
        String shortLived = newId();
        registry.register(
                withExpiry(request(shortLived, "01", null), clock.instant().plusSeconds(30)),
                keys());
        String longLived = newId();
        registry.register(request(longLived, "01", null), keys());
        Ticket ticket =
                registry.storeTicket(
                        new NewTicket(longLived, TicketKind.TICKET, Duration.ofSeconds(10), 1),
                        identity("exp"),
                        new byte[0]);

        assertThat(registry.sweep()).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(registry.sweep()).isEqualTo(1);

        assertThat(registry.get(shortLived).state()).isEqualTo(SessionState.EXPIRED);
        assertThat(registry.get(longLived).state()).isEqualTo(SessionState.ACTIVE);
        assertThat(sink.of(SessionExpired.class, shortLived)).hasSize(1);
        assertThat(sink.of(SessionKeysDestroyed.class, shortLived).get(0).cause())
                .isEqualTo("expired");
        assertThat(registry.ticket(ticket.id()).state()).isEqualTo(TicketState.EXPIRED);
        assertRejected(() -> registry.redeem(identity("exp")), Rejection.TICKET_EXPIRED);
        assertThat(registry.sweep()).as("an expiry happens once").isZero();
        assertThat(sink.of(SessionExpired.class, shortLived)).hasSize(1);

        clock.advance(Duration.ofMinutes(16));
        registry.sweep();
        assertRejected(() -> registry.get(shortLived), Rejection.SESSION_NOT_FOUND);
        assertRejected(() -> registry.ticket(ticket.id()), Rejection.TICKET_NOT_FOUND);
        assertThat(registry.get(longLived).isActive()).as("the live one stays").isTrue();
    }

    // --- tickets

    @Test
    void aTicketIsSingleUseByDefault() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        Ticket t =
                registry.storeTicket(
                        new NewTicket(id, TicketKind.PSK, null, 1), identity("once"), fill(32, 5));
        assertThat(t.id()).isEqualTo(SessionRegistry.ticketId(identity("once")));
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));

        SessionRegistry.Redeemed r = registry.redeem(identity("once"));
        assertThat(r.secret()).isEqualTo(fill(32, 5));
        assertThat(r.session().id()).isEqualTo(id);
        assertThat(r.ticket().state()).isEqualTo(TicketState.USED);
        assertThat(r.toString()).contains("redacted").doesNotContain(Arrays.toString(r.secret()));

        assertRejected(() -> registry.redeem(identity("once")), Rejection.TICKET_ALREADY_USED);
        assertRejected(() -> registry.redeem(identity("never-stored")), Rejection.TICKET_NOT_FOUND);
        assertThat(sink.ticketsEnded(TicketState.USED)).isEqualTo(1);
    }

    @Test
    void aMultiUseTicketServesItsUsesThenStops() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.SESSION_ID, null, 2), identity("twice"), new byte[0]);
        assertThat(registry.redeem(identity("twice")).ticket().usesLeft()).isEqualTo(1);
        assertThat(registry.redeem(identity("twice")).ticket().usesLeft()).isZero();
        assertRejected(() -> registry.redeem(identity("twice")), Rejection.TICKET_ALREADY_USED);
    }

    @Test
    void anExpiredTicketIsRefusedEvenBeforeTheSweep() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.PSK, Duration.ofSeconds(5), 1),
                identity("brief"),
                fill(16, 1));
        clock.advance(Duration.ofSeconds(6));
        assertRejected(() -> registry.redeem(identity("brief")), Rejection.TICKET_EXPIRED);
        assertRejected(() -> registry.redeem(identity("brief")), Rejection.TICKET_EXPIRED);
        assertThat(sink.ticketsEnded(TicketState.EXPIRED)).isEqualTo(1);
    }

    @Test
    void ticketsNeedAnActiveSessionAndADistinctIdentityAndASaneLifetime() {
        assertRejected(
                () ->
                        registry.storeTicket(
                                new NewTicket("nope", TicketKind.PSK, null, 1),
                                identity("x"),
                                new byte[0]),
                Rejection.SESSION_NOT_FOUND);
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.PSK, null, 1), identity("dup"), new byte[0]);
        assertRejected(
                () ->
                        registry.storeTicket(
                                new NewTicket(id, TicketKind.PSK, null, 1),
                                identity("dup"),
                                new byte[0]),
                Rejection.TICKET_EXISTS);
        assertRejected(
                () ->
                        registry.storeTicket(
                                new NewTicket(id, TicketKind.PSK, Duration.ofDays(8), 1),
                                identity("long"),
                                new byte[0]),
                Rejection.INVALID_REQUEST);
        registry.close(id, "server", "close_notify");
        assertRejected(
                () ->
                        registry.storeTicket(
                                new NewTicket(id, TicketKind.PSK, null, 1),
                                identity("late"),
                                new byte[0]),
                Rejection.SESSION_ENDED);
    }

    // --- revocation

    @Test
    void revokingACertificateTerminatesEverySessionThatUsedItAndRefusesNewOnes() {
        String a = newId();
        String b = newId();
        String c = newId();
        registry.register(request(a, "DEAD01", null), keys());
        registry.register(request(b, "0A", "dead01"), keys());
        registry.register(request(c, "0B", null), keys());
        registry.storeTicket(new NewTicket(a, TicketKind.PSK, null, 1), identity("ta"), fill(8, 1));

        assertThat(registry.revokeCertificate("DEAD01")).isEqualTo(2);

        assertThat(registry.get(a).state()).isEqualTo(SessionState.TERMINATED);
        assertThat(registry.get(b).state()).isEqualTo(SessionState.TERMINATED);
        assertThat(registry.get(c).state()).isEqualTo(SessionState.ACTIVE);
        SessionTerminated t = sink.of(SessionTerminated.class, a).get(0);
        assertThat(t.reason()).isEqualTo("certificate-revoked");
        assertThat(t.certificateSerial()).isEqualTo("DEAD01");
        assertThat(sink.of(SessionKeysDestroyed.class, b).get(0).cause()).isEqualTo("terminated");
        assertRejected(() -> registry.redeem(identity("ta")), Rejection.TICKET_WITHDRAWN);
        assertRejected(() -> registry.keys(a), Rejection.SESSION_ENDED);
        assertRejected(
                () -> registry.register(request(newId(), "dead01", null), keys()),
                Rejection.CERTIFICATE_REVOKED);
        assertThat(registry.revokeCertificate("DEAD01"))
                .as("a repeat terminates nothing more")
                .isZero();
    }

    @Test
    void aRegistrationChecksRevocationThenTheIdWithTheInsert() {
        backend.markRevoked("DEAD02");
        String id = newId();
        byte[] sealed = cipher.seal(new byte[] {1}, "session:" + id);

        var revokedServer = backend.register(session(id, "dead02", null), sealed);
        assertThat(revokedServer.outcome()).isEqualTo(SessionBackend.RegistrationOutcome.REVOKED);
        assertThat(revokedServer.revokedSerial()).isEqualTo("dead02");
        var revokedClient = backend.register(session(id, "0C", "Dead02"), sealed);
        assertThat(revokedClient.outcome()).isEqualTo(SessionBackend.RegistrationOutcome.REVOKED);
        assertThat(revokedClient.revokedSerial()).isEqualTo("Dead02");
        assertThat(backend.find(id)).as("a refused registration stores nothing").isEmpty();
        assertThat(backend.activeIdsUsingCertificate("0c")).doesNotContain(id);

        assertThat(backend.register(session(id, "0C", null), sealed).outcome())
                .isEqualTo(SessionBackend.RegistrationOutcome.INSERTED);
        assertThat(backend.register(session(id, "0D", null), sealed).outcome())
                .isEqualTo(SessionBackend.RegistrationOutcome.EXISTS);
        assertThat(backend.find(id).orElseThrow().serverCertificateSerial()).isEqualTo("0C");
        assertThat(backend.activeIdsUsingCertificate("0C")).contains(id);

        assertRejected(
                () -> registry.register(request(newId(), "0E", "DEAD02"), keys()),
                Rejection.CERTIFICATE_REVOKED);
        assertThat(sink.events).as("no event for a refused registration").isEmpty();
    }

    @Test
    void aRevocationThatRacedTheInsertStillEndsTheSession() {
        // The backend reports what a revocation landing between insert and scan looks like.
        SessionBackend racing =
                (SessionBackend)
                        java.lang.reflect.Proxy.newProxyInstance(
                                SessionBackend.class.getClassLoader(),
                                new Class<?>[] {SessionBackend.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("register")) {
                                        Session s = (Session) args[0];
                                        backend.register(s, (byte[]) args[1]);
                                        backend.markRevoked(s.serverCertificateSerial());
                                        return new SessionBackend.Registration(
                                                SessionBackend.RegistrationOutcome
                                                        .INSERTED_THEN_REVOKED,
                                                s.serverCertificateSerial());
                                    }
                                    try {
                                        return method.invoke(backend, args);
                                    } catch (java.lang.reflect.InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
        SessionRegistry onRacing = registryOn(racing, cipher);
        String id = newId();

        Session s = onRacing.register(request(id, "BEEF01", null), keys());

        assertThat(s.state()).isEqualTo(SessionState.TERMINATED);
        assertThat(sink.of(SessionCreated.class, id)).hasSize(1);
        assertThat(sink.of(SessionTerminated.class, id).get(0).certificateSerial())
                .isEqualTo("BEEF01");
        assertThat(sink.of(SessionKeysDestroyed.class, id)).hasSize(1);
        assertRejected(() -> registry.keys(id), Rejection.SESSION_ENDED);
    }

    private Session session(String id, String serverSerial, String clientSerial) {
        Instant now = clock.instant();
        return new Session(
                id,
                "hs-" + id,
                "client-1",
                "server.tlsuite.test",
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                serverSerial,
                clientSerial,
                now,
                now.plus(Duration.ofHours(1)),
                null,
                null,
                1,
                1,
                SessionState.ACTIVE,
                null,
                null);
    }

    // --- rotation and restart

    @Test
    void rotationResealsAllActiveKeysAndTicketSecretsUnderTheNewEnvelopeKey() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.PSK, null, 1), identity("rotated"), fill(16, 6));
        String ended = newId();
        registry.register(request(ended, "01", null), keys());
        registry.close(ended, "client", "close_notify");
        String k2 = "k2:" + Base64.getEncoder().encodeToString(fill(32, 42));
        EnvelopeCipher rotated = EnvelopeCipher.fromSpec(k2 + "," + ENVELOPE, null);
        SessionRegistry after = registryOn(backend, rotated);

        assertThat(after.rewrap())
                .as("one session, one ticket; nothing of the ended one")
                .isEqualTo(2);
        assertThat(EnvelopeCipher.keyIdOf(backend.sealedKeys(id).orElseThrow())).isEqualTo("k2");
        assertThat(after.rewrap()).isZero();
        SessionRegistry retired = registryOn(backend, EnvelopeCipher.fromSpec(k2, null));
        try (KeyMaterial k = retired.keys(id)) {
            assertThat(k.get("clientTrafficSecret")).isEqualTo(fill(32, 1));
        }
        assertThat(retired.redeem(identity("rotated")).secret()).isEqualTo(fill(16, 6));
    }

    @Test
    void aReopenedBackendServesWhatWasStored() {
        String id = newId();
        registry.register(request(id, "01", null), keys());
        registry.storeTicket(
                new NewTicket(id, TicketKind.PSK, null, 1), identity("survivor"), fill(4, 4));
        SessionBackend again = reopen();
        SessionRegistry restarted = registryOn(again, EnvelopeCipher.fromSpec(ENVELOPE, null));
        assertThat(restarted.get(id)).isEqualTo(registry.get(id));
        try (KeyMaterial k = restarted.keys(id)) {
            assertThat(k.get("resumptionSecret")).isEqualTo(fill(32, 3));
        }
        assertThat(restarted.redeem(identity("survivor")).secret()).isEqualTo(fill(4, 4));
    }

    // --- concurrency

    @Test
    void parallelCreatesAndClosesLoseAndDuplicateNothing() throws Exception {
        int sessions = 400;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ids.add("conc-" + i + "-" + UUID.randomUUID());
            }
            // Every id registered twice at once: exactly one wins.
            AtomicInteger refused = new AtomicInteger();
            List<Callable<Void>> creates = new ArrayList<>();
            for (String id : ids) {
                for (int copy = 0; copy < 2; copy++) {
                    creates.add(
                            () -> {
                                try {
                                    registry.register(request(id, "0C", null), keys());
                                } catch (RegistryException e) {
                                    assertThat(e.rejection()).isEqualTo(Rejection.SESSION_EXISTS);
                                    refused.incrementAndGet();
                                }
                                return null;
                            });
                }
            }
            for (Future<Void> f : pool.invokeAll(creates)) {
                f.get();
            }
            assertThat(refused.get()).isEqualTo(sessions);
            assertThat(sink.of(SessionCreated.class)).hasSize(sessions);
            assertThat(backend.liveSessions()).isEqualTo(sessions);

            // Every session closed three times at once, while a revocation and a sweep race them.
            List<Callable<Boolean>> closes = new ArrayList<>();
            for (String id : ids) {
                for (int copy = 0; copy < 3; copy++) {
                    closes.add(() -> !registry.close(id, "client", "close_notify").alreadyEnded());
                }
            }
            closes.add(
                    () -> {
                        registry.revokeCertificate("unrelated");
                        return false;
                    });
            closes.add(
                    () -> {
                        registry.sweep();
                        return false;
                    });
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(closes)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(sessions);
            assertThat(sink.of(SessionClosed.class)).hasSize(sessions);
            assertThat(sink.of(SessionKeysDestroyed.class)).hasSize(sessions);
            Set<String> closed = new HashSet<>();
            sink.of(SessionClosed.class).forEach(e -> closed.add(e.sessionId()));
            assertThat(closed).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(backend.liveSessions()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers

    static byte[] identity(String s) {
        return ("identity-" + s).getBytes(StandardCharsets.UTF_8);
    }

    static NewSession withExpiry(NewSession r, Instant expiresAt) {
        return new NewSession(
                r.id(),
                r.handshakeId(),
                r.client(),
                r.server(),
                r.protocolVersion(),
                r.cipherSuite(),
                r.serverCertificateSerial(),
                r.clientCertificateSerial(),
                r.createdAt(),
                expiresAt,
                r.resumedFrom(),
                r.resumptionMethod());
    }

    static void assertRejected(ThrowingCallable call, Rejection expected) {
        assertThatThrownBy(call)
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).rejection())
                .isEqualTo(expected);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
