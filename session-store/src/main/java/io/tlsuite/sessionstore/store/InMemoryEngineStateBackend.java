package io.tlsuite.sessionstore.store;

import io.tlsuite.sessionstore.domain.EngineState;
import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStateBackend.Outcome;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import io.tlsuite.sessionstore.domain.EngineStateStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Engine states in this JVM: one map, each entry changed under the map's per-key lock ({@link
 * ConcurrentHashMap#compute}); dropped bytes are zeroised. Lost on restart, by design.
 */
public final class InMemoryEngineStateBackend implements EngineStateBackend {

    private static final class Entry {
        EngineState state;
        byte[] sealed;
        Instant purgeAt;

        Entry(EngineState state, byte[] sealed, Instant purgeAt) {
            this.state = state;
            this.sealed = sealed;
            this.purgeAt = purgeAt;
        }

        void drop() {
            if (sealed != null) {
                Arrays.fill(sealed, (byte) 0);
                sealed = null;
            }
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Write create(
            String id,
            EngineStateKind kind,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt) {
        Write[] result = new Write[1];
        entries.compute(
                id,
                (k, e) -> {
                    if (e != null) {
                        result[0] = new Write(Outcome.EXISTS, e.state);
                        return e;
                    }
                    EngineState s =
                            new EngineState(
                                    id,
                                    kind,
                                    1,
                                    EngineStateStatus.ACTIVE,
                                    now,
                                    now,
                                    expiresAt,
                                    null,
                                    sizeBytes);
                    result[0] = new Write(Outcome.CREATED, s);
                    return new Entry(s, sealed.clone(), purgeAt);
                });
        return result[0];
    }

    @Override
    public Write replace(
            String id,
            long expectedVersion,
            byte[] sealed,
            int sizeBytes,
            Instant now,
            Instant expiresAt,
            Instant purgeAt) {
        Write[] result = new Write[1];
        entries.computeIfPresent(
                id,
                (k, e) -> {
                    Outcome refused = refusal(e, expectedVersion, now);
                    if (refused != null) {
                        result[0] = new Write(refused, e.state);
                        return e;
                    }
                    EngineState old = e.state;
                    e.drop();
                    e.sealed = sealed.clone();
                    e.purgeAt = purgeAt;
                    e.state =
                            new EngineState(
                                    id,
                                    old.kind(),
                                    old.version() + 1,
                                    EngineStateStatus.ACTIVE,
                                    old.createdAt(),
                                    now,
                                    expiresAt,
                                    null,
                                    sizeBytes);
                    result[0] = new Write(Outcome.REPLACED, e.state);
                    return e;
                });
        return result[0] == null ? new Write(Outcome.NOT_FOUND, null) : result[0];
    }

    /** Why a write to {@code e} at {@code expected} is refused, or null. Expires it if due. */
    private static Outcome refusal(Entry e, Long expected, Instant now) {
        if (e.state.status() != EngineStateStatus.ACTIVE) {
            return Outcome.ALREADY_ENDED;
        }
        if (!e.state.expiresAt().isAfter(now)) {
            return Outcome.EXPIRED;
        }
        if (expected != null && e.state.version() != expected) {
            return Outcome.VERSION_MISMATCH;
        }
        return null;
    }

    @Override
    public Optional<Stored> find(String id, Instant now) {
        Stored[] found = new Stored[1];
        // Read under the entry's lock, so bytes and version belong together.
        entries.computeIfPresent(
                id,
                (k, e) -> {
                    EngineStateStatus status = e.state.statusAt(now);
                    found[0] =
                            status == EngineStateStatus.ACTIVE
                                    ? new Stored(e.state, e.sealed.clone())
                                    : new Stored(withStatus(e.state, status), null);
                    return e;
                });
        return Optional.ofNullable(found[0]);
    }

    @Override
    public Write end(String id, Long expectedVersion, String reason, Instant now, Instant purgeAt) {
        Write[] result = new Write[1];
        entries.computeIfPresent(
                id,
                (k, e) -> {
                    Outcome refused = refusal(e, expectedVersion, now);
                    if (refused == Outcome.EXPIRED) {
                        expireEntry(e, now, purgeAt);
                        result[0] = new Write(Outcome.ALREADY_ENDED, e.state);
                        return e;
                    }
                    if (refused != null) {
                        result[0] = new Write(refused, e.state);
                        return e;
                    }
                    EngineState old = e.state;
                    e.drop();
                    e.purgeAt = purgeAt;
                    e.state =
                            new EngineState(
                                    id,
                                    old.kind(),
                                    old.version() + 1,
                                    EngineStateStatus.ENDED,
                                    old.createdAt(),
                                    now,
                                    old.expiresAt(),
                                    reason,
                                    0);
                    result[0] = new Write(Outcome.ENDED, e.state);
                    return e;
                });
        return result[0] == null ? new Write(Outcome.NOT_FOUND, null) : result[0];
    }

    private static void expireEntry(Entry e, Instant now, Instant purgeAt) {
        e.drop();
        e.purgeAt = purgeAt;
        e.state = withStatus(e.state, EngineStateStatus.EXPIRED);
    }

    private static EngineState withStatus(EngineState s, EngineStateStatus status) {
        return new EngineState(
                s.id(),
                s.kind(),
                s.version(),
                status,
                s.createdAt(),
                s.updatedAt(),
                s.expiresAt(),
                s.endReason(),
                status == EngineStateStatus.ACTIVE ? s.sizeBytes() : 0);
    }

    @Override
    public int expire(Instant now, Instant purgeAt, int limit) {
        int[] n = {0};
        for (String id : entries.keySet()) {
            if (n[0] >= limit) {
                break;
            }
            entries.computeIfPresent(
                    id,
                    (k, e) -> {
                        if (e.state.status() == EngineStateStatus.ACTIVE
                                && !e.state.expiresAt().isAfter(now)) {
                            expireEntry(e, now, purgeAt);
                            n[0]++;
                        }
                        return e;
                    });
        }
        return n[0];
    }

    @Override
    public int purge(Instant now, int limit) {
        int[] n = {0};
        for (String id : entries.keySet()) {
            if (n[0] >= limit) {
                break;
            }
            entries.computeIfPresent(
                    id,
                    (k, e) -> {
                        if (e.state.status() != EngineStateStatus.ACTIVE
                                && !e.purgeAt.isAfter(now)) {
                            n[0]++;
                            return null;
                        }
                        return e;
                    });
        }
        return n[0];
    }

    @Override
    public long live() {
        return entries.values().stream()
                .filter(e -> e.state.status() == EngineStateStatus.ACTIVE)
                .count();
    }
}
