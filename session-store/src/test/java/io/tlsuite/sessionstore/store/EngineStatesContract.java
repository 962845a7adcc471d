package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStateException;
import io.tlsuite.sessionstore.domain.EngineStateException.Reason;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import io.tlsuite.sessionstore.domain.EngineStateStatus;
import io.tlsuite.sessionstore.domain.EngineStates;
import io.tlsuite.sessionstore.domain.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of engine states over the backend of the subclass (memory, Redis). */
abstract class EngineStatesContract {

    static final Duration TTL = Duration.ofSeconds(30);

    protected abstract EngineStateBackend newBackend();

    MutableClock clock;
    EngineStateBackend backend;
    EngineStates states;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        backend = newBackend();
        states =
                new EngineStates(
                        backend,
                        EnvelopeCipher.ephemeral(),
                        clock,
                        new EngineStates.Settings(
                                Duration.ofMinutes(5),
                                Duration.ofHours(1),
                                Duration.ofMinutes(15),
                                1024));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String id() {
        return "hs-" + UUID.randomUUID();
    }

    static Reason reason(Runnable r) {
        try {
            r.run();
        } catch (EngineStateException e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void createsReadsAndReplacesByVersion() {
        String id = id();
        EngineState v1 = states.create(id, EngineStateKind.HANDSHAKE, bytes("flight-1"), TTL);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.status()).isEqualTo(EngineStateStatus.ACTIVE);
        assertThat(v1.expiresAt()).isEqualTo(clock.instant().plus(TTL));

        EngineState v2 = states.replace(id, 1, EngineStateKind.HANDSHAKE, bytes("flight-2"), TTL);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());

        EngineStates.Opened o = states.open(id);
        assertThat(o.state().version()).isEqualTo(2);
        assertThat(new String(o.bytes(), StandardCharsets.UTF_8)).isEqualTo("flight-2");
        assertThat(o.state().sizeBytes()).isEqualTo(8);
    }

    @Test
    void bytesReachTheBackendSealedAndBoundToTheirId() {
        String id = id();
        states.create(id, EngineStateKind.SESSION, bytes("traffic-secret-material"), TTL);
        byte[] sealed = backend.find(id, clock.instant()).orElseThrow().sealed();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain("traffic-secret-material");
        // The same blob under another id does not open (the id is the associated data).
        String other = id();
        backend.create(
                other,
                EngineStateKind.SESSION,
                sealed,
                23,
                clock.instant(),
                clock.instant().plus(TTL),
                clock.instant().plus(TTL));
        assertThatThrownBy(() -> states.open(other)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStaleVersionLosesAndChangesNothing() {
        String id = id();
        states.create(id, EngineStateKind.HANDSHAKE, bytes("a"), TTL);
        states.replace(id, 1, EngineStateKind.HANDSHAKE, bytes("b"), TTL);
        assertThatThrownBy(() -> states.replace(id, 1, EngineStateKind.HANDSHAKE, bytes("c"), TTL))
                .isInstanceOfSatisfying(
                        EngineStateException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
                            assertThat(e.current().version()).isEqualTo(2);
                        });
        assertThat(new String(states.open(id).bytes(), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(reason(() -> states.create(id, EngineStateKind.HANDSHAKE, bytes("x"), TTL)))
                .isEqualTo(Reason.EXISTS);
        assertThat(
                        reason(
                                () ->
                                        states.replace(
                                                id(),
                                                1,
                                                EngineStateKind.HANDSHAKE,
                                                bytes("x"),
                                                TTL)))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void ofManyWritersFromOneVersionExactlyOneWins() throws Exception {
        String id = id();
        states.create(id, EngineStateKind.HANDSHAKE, bytes("start"), TTL);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            results.add(
                    pool.submit(
                            () -> {
                                go.await();
                                try {
                                    states.replace(
                                            id, 1, EngineStateKind.HANDSHAKE, bytes("w" + n), TTL);
                                    return true;
                                } catch (EngineStateException e) {
                                    assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
                                    return false;
                                }
                            }));
        }
        go.countDown();
        List<Boolean> won = Collections.synchronizedList(new ArrayList<>());
        for (Future<Boolean> f : results) {
            won.add(f.get(20, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(won.stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(states.get(id).version()).isEqualTo(2);
    }

    @Test
    void endingDropsTheBytesAndKeepsATombstone() {
        String id = id();
        states.create(id, EngineStateKind.SESSION, bytes("s"), TTL);
        assertThat(reason(() -> states.end(id, 7L, "closed"))).isEqualTo(Reason.VERSION_MISMATCH);

        EngineStates.Ending e = states.end(id, 1L, "closed:close_notify");
        assertThat(e.alreadyEnded()).isFalse();
        assertThat(e.state().status()).isEqualTo(EngineStateStatus.ENDED);
        assertThat(e.state().version()).isEqualTo(2);
        assertThat(backend.find(id, clock.instant()).orElseThrow().sealed()).isNull();

        assertThatThrownBy(() -> states.open(id))
                .isInstanceOfSatisfying(
                        EngineStateException.class,
                        x -> {
                            assertThat(x.reason()).isEqualTo(Reason.ENDED);
                            assertThat(x.current().endReason()).isEqualTo("closed:close_notify");
                        });
        assertThat(states.end(id, null, "again").alreadyEnded()).isTrue();
        assertThat(reason(() -> states.replace(id, 2, EngineStateKind.SESSION, bytes("x"), TTL)))
                .isEqualTo(Reason.ENDED);
        assertThat(reason(() -> states.create(id, EngineStateKind.SESSION, bytes("x"), TTL)))
                .isEqualTo(Reason.EXISTS);
        assertThat(reason(() -> states.end(id(), null, "x"))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void expiresAfterItsTimeToLiveEvenBeforeTheSweep() {
        String id = id();
        states.create(id, EngineStateKind.HANDSHAKE, bytes("a"), Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(1));
        states.replace(id, 1, EngineStateKind.HANDSHAKE, bytes("b"), Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1999));
        assertThat(states.open(id).state().version()).isEqualTo(2); // each write renews
        clock.advance(Duration.ofMillis(1));
        assertThat(reason(() -> states.open(id))).isEqualTo(Reason.EXPIRED);
        assertThat(reason(() -> states.replace(id, 2, EngineStateKind.HANDSHAKE, bytes("c"), TTL)))
                .isEqualTo(Reason.EXPIRED);
        assertThat(states.sweep()).isEqualTo(1);
        assertThat(backend.find(id, clock.instant()).orElseThrow().sealed()).isNull();
        assertThat(states.get(id).status()).isEqualTo(EngineStateStatus.EXPIRED);
        assertThat(states.end(id, 2L, "late").alreadyEnded()).isTrue();
        assertThat(states.sweep()).isZero();
    }

    @Test
    void sizeAndLifetimeAreBounded() {
        assertThat(
                        reason(
                                () ->
                                        states.create(
                                                id(),
                                                EngineStateKind.HANDSHAKE,
                                                new byte[1025],
                                                TTL)))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(
                        reason(
                                () ->
                                        states.create(
                                                id(),
                                                EngineStateKind.HANDSHAKE,
                                                bytes("a"),
                                                Duration.ofMinutes(6))))
                .isEqualTo(Reason.INVALID);
        assertThat(
                        states.create(
                                        id(),
                                        EngineStateKind.SESSION,
                                        bytes("a"),
                                        Duration.ofMinutes(6))
                                .kind())
                .isEqualTo(EngineStateKind.SESSION);
        assertThat(
                        reason(
                                () ->
                                        states.create(
                                                id(),
                                                EngineStateKind.SESSION,
                                                bytes("a"),
                                                Duration.ZERO)))
                .isEqualTo(Reason.INVALID);
    }
}
