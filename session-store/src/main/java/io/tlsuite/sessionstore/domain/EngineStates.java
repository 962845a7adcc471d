package io.tlsuite.sessionstore.domain;

import io.tlsuite.service.problem.SafeText;
import io.tlsuite.sessionstore.domain.EngineStateBackend.Outcome;
import io.tlsuite.sessionstore.domain.EngineStateBackend.Stored;
import io.tlsuite.sessionstore.domain.EngineStateBackend.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The rules for suspended TLS engines that any replica of the handshake service may continue: bytes
 * are sealed (AES-GCM, the state's id as associated data) before they reach a backend, every write
 * names the version it builds on, lifetimes are bounded per kind, and an ended or expired state
 * stays known (without bytes) for the tombstone retention so that a late step is told "ended"
 * rather than "unknown". Plaintext given to or returned by this class is the caller's to zeroise;
 * the copies made here are zeroised before returning.
 */
public final class EngineStates {

    private static final int SWEEP_BATCH = 1000;

    /**
     * @param maxHandshakeTtl longest time to live of a handshake state (between two flights)
     * @param maxSessionTtl longest time to live of a session state (its idle lifetime)
     * @param tombstoneRetention how long an ended or expired state stays known
     * @param maxBytes largest state accepted, in bytes before sealing
     */
    public record Settings(
            Duration maxHandshakeTtl,
            Duration maxSessionTtl,
            Duration tombstoneRetention,
            int maxBytes) {

        public static Settings defaults() {
            return new Settings(
                    Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofMinutes(15), 32768);
        }
    }

    /** An opened state: its metadata and its plaintext bytes (zeroise them after use). */
    public record Opened(EngineState state, byte[] bytes) {}

    /** What an end did: the state after it, and whether it had ended before. */
    public record Ending(EngineState state, boolean alreadyEnded) {}

    private final EngineStateBackend backend;
    private final KeySealer sealer;
    private final Clock clock;
    private final Settings settings;

    public EngineStates(
            EngineStateBackend backend, KeySealer sealer, Clock clock, Settings settings) {
        this.backend = Objects.requireNonNull(backend);
        this.sealer = Objects.requireNonNull(sealer);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** Stores version 1 of a new state (HTTP {@code If-None-Match: *}). */
    public EngineState create(String id, EngineStateKind kind, byte[] bytes, Duration ttl) {
        checkSize(bytes);
        Duration life = checkTtl(kind, ttl);
        Instant now = now();
        byte[] sealed = sealer.seal(bytes, context(id));
        try {
            Write w =
                    backend.create(
                            id,
                            kind,
                            sealed,
                            bytes.length,
                            now,
                            now.plus(life),
                            now.plus(life).plus(settings.tombstoneRetention()));
            if (w.outcome() != Outcome.CREATED) {
                throw refused(w, id, null);
            }
            return w.state();
        } finally {
            Arrays.fill(sealed, (byte) 0);
        }
    }

    /**
     * Replaces an active state that is still at {@code expectedVersion} (HTTP {@code If-Match}).
     */
    public EngineState replace(
            String id, long expectedVersion, EngineStateKind kind, byte[] bytes, Duration ttl) {
        checkSize(bytes);
        Duration life = checkTtl(kind, ttl);
        Instant now = now();
        byte[] sealed = sealer.seal(bytes, context(id));
        try {
            Write w =
                    backend.replace(
                            id,
                            expectedVersion,
                            sealed,
                            bytes.length,
                            now,
                            now.plus(life),
                            now.plus(life).plus(settings.tombstoneRetention()));
            if (w.outcome() != Outcome.REPLACED) {
                throw refused(w, id, expectedVersion);
            }
            return w.state();
        } finally {
            Arrays.fill(sealed, (byte) 0);
        }
    }

    /** The metadata of a state, whatever its status; for conditional reads. */
    public EngineState get(String id) {
        return backend.find(id, now()).map(Stored::state).orElseThrow(() -> notFound(id));
    }

    /** An active state with its bytes; ended or expired ones are refused (410). */
    public Opened open(String id) {
        Stored s = backend.find(id, now()).orElseThrow(() -> notFound(id));
        if (s.sealed() == null) {
            throw gone(s.state());
        }
        try {
            return new Opened(s.state(), sealer.open(s.sealed(), context(id)));
        } finally {
            Arrays.fill(s.sealed(), (byte) 0);
        }
    }

    /** Ends a state: bytes dropped; repeat ends are no-ops. */
    public Ending end(String id, Long expectedVersion, String reason) {
        Instant now = now();
        Write w =
                backend.end(
                        id, expectedVersion, reason, now, now.plus(settings.tombstoneRetention()));
        return switch (w.outcome()) {
            case ENDED -> new Ending(w.state(), false);
            case ALREADY_ENDED -> new Ending(w.state(), true);
            default -> throw refused(w, id, expectedVersion);
        };
    }

    /** Expires states past their time to live and deletes old tombstones; returns how many. */
    public int sweep() {
        Instant now = now();
        int n = backend.expire(now, now.plus(settings.tombstoneRetention()), SWEEP_BATCH);
        backend.purge(now, SWEEP_BATCH);
        return n;
    }

    public long live() {
        return backend.live();
    }

    /** Milliseconds: what every backend keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String context(String id) {
        return "engine-state:" + id;
    }

    private void checkSize(byte[] bytes) {
        if (bytes.length > settings.maxBytes()) {
            throw new EngineStateException(
                    EngineStateException.Reason.TOO_LARGE,
                    "an engine state may hold at most " + settings.maxBytes() + " bytes",
                    null);
        }
    }

    private Duration checkTtl(EngineStateKind kind, Duration ttl) {
        Duration max =
                kind == EngineStateKind.HANDSHAKE
                        ? settings.maxHandshakeTtl()
                        : settings.maxSessionTtl();
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(max) > 0) {
            throw new EngineStateException(
                    EngineStateException.Reason.INVALID,
                    "ttlSeconds of a " + kind.wireName() + " state must be 1 to " + max.toSeconds(),
                    null);
        }
        return ttl;
    }

    private static EngineStateException notFound(String id) {
        return new EngineStateException(
                EngineStateException.Reason.NOT_FOUND,
                "no engine state " + SafeText.id(id, "(not a valid id)"),
                null);
    }

    private static EngineStateException gone(EngineState s) {
        return s.status() == EngineStateStatus.EXPIRED
                ? new EngineStateException(
                        EngineStateException.Reason.EXPIRED,
                        "engine state " + s.id() + " expired",
                        s)
                : new EngineStateException(
                        EngineStateException.Reason.ENDED, "engine state " + s.id() + " ended", s);
    }

    private static EngineStateException refused(Write w, String id, Long expected) {
        return switch (w.outcome()) {
            case NOT_FOUND -> notFound(id);
            case EXISTS ->
                    new EngineStateException(
                            EngineStateException.Reason.EXISTS,
                            "engine state " + id + " already exists",
                            w.state());
            case VERSION_MISMATCH ->
                    new EngineStateException(
                            EngineStateException.Reason.VERSION_MISMATCH,
                            "engine state "
                                    + id
                                    + " is at version "
                                    + (w.state() == null ? "?" : w.state().version())
                                    + ", not "
                                    + expected,
                            w.state());
            case EXPIRED -> gone(expiredView(w.state()));
            default -> w.state() == null ? notFound(id) : gone(w.state());
        };
    }

    private static EngineState expiredView(EngineState s) {
        return new EngineState(
                s.id(),
                s.kind(),
                s.version(),
                EngineStateStatus.EXPIRED,
                s.createdAt(),
                s.updatedAt(),
                s.expiresAt(),
                s.endReason(),
                0);
    }
}
