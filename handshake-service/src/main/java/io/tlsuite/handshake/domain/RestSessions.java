package io.tlsuite.handshake.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.replicas.EngineStateStore;
import io.tlsuite.handshake.replicas.EngineStateStore.Fetch;
import io.tlsuite.handshake.replicas.EngineStateStore.Kind;
import io.tlsuite.handshake.replicas.EngineStateStore.Outcome;
import io.tlsuite.handshake.replicas.EngineStateStore.Write;
import io.tlsuite.handshake.replicas.SuspendedExchange;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.config.TlsListener;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * The sessions REST handshakes opened: encrypted records in, the encrypted echo out, and close.
 * With the session store configured, each session is an engine state of its own, versioned like a
 * handshake's, so any replica serves any request; an idle session is closed by the sweep.
 */
@ApplicationScoped
public class RestSessions {
    private static final Logger LOG = Logger.getLogger(RestSessions.class);

    /**
     * Stored states outlive their deadline a little, so that the replica holding the latest version
     * ends them itself (and reports it) before the store expires them silently.
     */
    private static final Duration STATE_GRACE = Duration.ofMinutes(1);

    @Inject ServerEngines engines;
    @Inject HandshakeConfig config;
    @Inject MeterRegistry meters;
    @Inject EngineStateStore states;
    @Inject EngineSnapshots snapshots;

    private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();
    private final Tombstones ended = new Tombstones();
    private ScheduledExecutorService sweeper;
    private Counter staleCopies;

    @PostConstruct
    void init() {
        meters.gauge("handshake.rest.sessions", sessions, Map::size);
        staleCopies = StaleCopy.counter(meters, "session");
        sweeper = Sweeper.everySecond("rest-session-sweeper", this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Whether another session may open, under {@code handshake.rest.max-sessions}. */
    boolean hasRoom() {
        return sessions.size() < config.rest().maxSessions();
    }

    /** The session a completed handshake opened, stored as its own engine state. */
    void open(PendingHandshake p) {
        String sessionId = p.handle.sessionId;
        OpenSession s =
                new OpenSession(sessionId, p.id, p.handle, p.peer, p.startedAtMillis, p.binding, 0);
        if (states.shared()) {
            byte[] state = snapshots.take(p, Set.of());
            try {
                Write w = states.create(sessionId, Kind.SESSION, state, ttl());
                if (w.won()) {
                    s.version = w.version();
                } else {
                    s.localOnly = true;
                    LOG.warnf(
                            "session %s stays on this replica: the session store did not take its state",
                            sessionId);
                }
            } finally {
                Arrays.fill(state, (byte) 0);
            }
        }
        sessions.put(sessionId, s);
    }

    /**
     * {@code POST /sessions/{id}/records}: encrypted records in, encrypted echo out; only for the
     * client whose handshake opened the session ({@code clientSecret}).
     */
    public FlightResult records(String sessionId, String clientSecret, byte[] records) {
        FlightCheck.check(records, config.rest().maxFlightBytes());
        return optimistically(
                sessionId, clientSecret, (s, unconfirmed) -> records(s, records, unconfirmed));
    }

    private FlightResult records(OpenSession s, byte[] records, boolean unconfirmed) {
        String sessionId = s.id;
        if (!s.lock.tryLock()) {
            throw RestProblems.recordsInProgress(sessionId);
        }
        try {
            if (sessions.get(sessionId) != s) {
                throw ended.contains(sessionId)
                        ? closed(sessionId)
                        : RestProblems.recordsInProgress(sessionId);
            }
            s.unconfirmed = unconfirmed;
            s.lastUsedNanos = System.nanoTime();
            EngineOutput out = s.engine.feed(records);
            byte[] response = out.outbound();
            if (out.failed() || (s.engine.isClosed() && !s.engine.isPeerClosed())) {
                var alert = StepViews.endingAlert(out);
                end(s, "client", alert == null ? "failed" : alert.description().wireName());
                throw new RestProblem(
                                HandshakeProblems.SESSION_FAILED,
                                StepViews.whoSent(out, "the session ended"))
                        .with("sessionId", sessionId)
                        .with("alert", StepViews.alert(out))
                        .with("records", Base64.getEncoder().encodeToString(response));
            }
            if (!out.applicationData().isEmpty() && !s.engine.isPeerClosed()) {
                byte[] plain = out.applicationBytes();
                byte[] echo = echo(plain);
                Arrays.fill(plain, (byte) 0);
                response = concat(response, s.engine.write(echo).outbound());
                Arrays.fill(echo, (byte) 0);
            }
            if (s.engine.isPeerClosed()) {
                // RFC 8446 §6.1: answer the client's close_notify with ours; the session ends.
                response = concat(response, s.engine.close().outbound());
                end(s, "client", "close_notify");
                return new FlightResult(
                        s.handshakeId, "closed", response, List.of(), sessionId, null, null);
            }
            store(s);
            return new FlightResult(
                    s.handshakeId, "open", response, List.of(), sessionId, null, null);
        } finally {
            s.unconfirmed = false;
            s.lock.unlock();
        }
    }

    /**
     * {@code DELETE /sessions/{id}}: the server closes at its client's request; the response
     * carries its close_notify.
     */
    public FlightResult close(String sessionId, String clientSecret) {
        return optimistically(sessionId, clientSecret, this::close);
    }

    private FlightResult close(OpenSession s, boolean unconfirmed) {
        String sessionId = s.id;
        s.lock.lock();
        try {
            if (sessions.get(sessionId) != s) {
                throw ended.contains(sessionId)
                        ? closed(sessionId)
                        : RestProblems.recordsInProgress(sessionId);
            }
            s.unconfirmed = unconfirmed;
            byte[] out = s.engine.close().outbound();
            end(s, "server", "close_notify");
            return new FlightResult(s.handshakeId, "closed", out, List.of(), sessionId, null, null);
        } finally {
            s.unconfirmed = false;
            s.lock.unlock();
        }
    }

    /** A request's work on a session: {@code unconfirmed} as in {@link StaleCopy}. */
    private interface SessionStep {
        FlightResult run(OpenSession session, boolean unconfirmed);
    }

    /**
     * Runs {@code step} on the cached engine without asking the store first (its write names the
     * version, so the store says whether the cache was current); if it was not, once more on the
     * stored engine. A session whose requests have moved between replicas is read first instead:
     * its cached copy is likely stale.
     */
    private FlightResult optimistically(String id, String clientSecret, SessionStep step) {
        OpenSession cached = sessions.get(id);
        if (cached != null
                && (!states.shared()
                        || cached.localOnly
                        || (cached.version > 0 && !cached.resumedHere))) {
            ClientBinding.check(cached.binding, clientSecret, "session", id);
            boolean unconfirmed = states.shared() && !cached.localOnly;
            try {
                return step.run(cached, unconfirmed);
            } catch (StaleCopy stale) {
                staleCopies.increment();
                sessions.remove(id, cached);
            }
        }
        OpenSession s = current(id, clientSecret);
        ClientBinding.check(s.binding, clientSecret, "session", id);
        return step.run(s, false);
    }

    /** The session at its current version: the cached engine if current, else the stored one. */
    private OpenSession current(String id, String clientSecret) {
        OpenSession cached = sessions.get(id);
        if (!states.shared() || (cached != null && cached.localOnly)) {
            if (cached == null) {
                throw ended.contains(id) ? closed(id) : RestProblems.unknownSession(id);
            }
            return cached;
        }
        if (cached == null && ended.contains(id)) {
            throw closed(id);
        }
        Fetch f = states.fetch(id, cached == null ? 0 : cached.version);
        if (f instanceof Fetch.Unchanged) {
            return cached;
        }
        if (f instanceof Fetch.Current c) {
            try {
                return resume(id, c.version(), c.state(), clientSecret);
            } finally {
                Arrays.fill(c.state(), (byte) 0);
            }
        }
        if (cached != null) {
            sessions.remove(id, cached);
        }
        if (f instanceof Fetch.Ended e) {
            ended.bury(id, e.reason());
            throw closed(id);
        }
        if (f instanceof Fetch.Expired) {
            ended.bury(id, "expired (idle)");
            throw closed(id);
        }
        if (f instanceof Fetch.Unavailable) {
            throw RestProblems.storeUnavailable();
        }
        throw RestProblems.unknownSession(id);
    }

    private OpenSession resume(String id, long version, byte[] stored, String clientSecret) {
        SuspendedExchange x = snapshots.read(stored);
        try {
            // Checked before the engine is rebuilt: a stranger's request costs no resumption.
            ClientBinding binding = ClientBinding.fromStored(x.clientBinding());
            ClientBinding.check(binding, clientSecret, "session", id);
            ServerEngines.Handle handle =
                    snapshots.resume(TlsListener.NONE, id, x, "session " + id);
            OpenSession s =
                    new OpenSession(
                            id,
                            x.handshakeId(),
                            handle,
                            x.peer(),
                            x.startedAtMillis(),
                            binding,
                            version);
            s.resumedHere = true;
            sessions.put(id, s);
            return s;
        } finally {
            x.wipe();
        }
    }

    /** Stores the session's engine after records went through both ways. */
    private void store(OpenSession s) {
        if (!states.shared() || s.localOnly) {
            return;
        }
        byte[] state =
                snapshots.take(
                        s.handshakeId,
                        s.handle,
                        s.peer,
                        s.startedAtMillis,
                        s.binding,
                        null,
                        Set.of());
        try {
            Write w = states.replace(s.id, s.version, Kind.SESSION, state, ttl());
            if (w.won()) {
                s.version = w.version();
                return;
            }
            sessions.remove(s.id, s);
            StaleCopy.throwIfStale(s.unconfirmed, w);
            throw w.outcome() == Outcome.UNAVAILABLE
                    ? RestProblems.storeUnavailable()
                    : RestProblems.recordsInProgress(s.id);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    /** The session ended: its stored state ends too (at this version), then the session store. */
    private void end(OpenSession s, String by, String reason) {
        if (sessions.remove(s.id, s)) {
            String why = "closed by the " + by + " (" + reason + ")";
            if (states.shared() && !s.localOnly) {
                Write w = states.end(s.id, s.version, why);
                if (!w.won()) {
                    StaleCopy.throwIfStale(s.unconfirmed, w);
                    throw w.outcome() == Outcome.UNAVAILABLE
                            ? RestProblems.storeUnavailable()
                            : RestProblems.recordsInProgress(s.id);
                }
            }
            ended.bury(s.id, why);
            engines.closed(s.id, by, reason);
        }
    }

    private Duration ttl() {
        return config.rest().sessionIdleTimeout().plus(STATE_GRACE);
    }

    private RestProblem closed(String id) {
        return RestProblems.sessionClosed(id, ended.reason(id, "closed"));
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            long idle = config.rest().sessionIdleTimeout().toNanos();
            for (OpenSession s : List.copyOf(sessions.values())) {
                if (now - s.lastUsedNanos > idle && s.lock.tryLock()) {
                    try {
                        end(s, "server", "idle-timeout");
                        s.engine.close();
                    } catch (RestProblem lost) {
                        // Another replica served it since: it is theirs to close.
                    } finally {
                        s.lock.unlock();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("REST session sweep failed: %s", e.toString());
        }
    }

    private static byte[] echo(byte[] plain) {
        String prefix = "echo at " + Instant.now() + ": ";
        return concat(prefix.getBytes(StandardCharsets.UTF_8), plain);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
