package io.tlsuite.handshake.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.replicas.EngineStateStore;
import io.tlsuite.handshake.replicas.EngineStateStore.Fetch;
import io.tlsuite.handshake.replicas.EngineStateStore.Kind;
import io.tlsuite.handshake.replicas.EngineStateStore.Outcome;
import io.tlsuite.handshake.replicas.EngineStateStore.Write;
import io.tlsuite.handshake.replicas.SuspendedExchange;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Handshakes whose flights arrive as REST requests, and the sessions they open. With the session
 * store configured, any replica serves any step: after each step the engine is suspended ({@code
 * TlsEngine.suspend()}) and stored as a new version of its engine state, and a step for an id this
 * replica does not hold at the current version resumes the stored engine. Engines stay in memory as
 * a cache, used only while the store says their version is current; every write names the version
 * it builds on, so when two replicas race for one step exactly one commits and the other answers
 * 409 (its engine, its answer and its events are dropped). Without the store, everything stays in
 * this replica's memory (bounded, expiring).
 */
@ApplicationScoped
public class RestHandshakes {
    private static final Logger LOG = Logger.getLogger(RestHandshakes.class);
    private static final int TOMBSTONES = 10_000;

    /**
     * Stored states outlive their deadline a little, so that the replica holding the latest version
     * ends them itself (and reports it) before the store expires them silently.
     */
    private static final Duration SESSION_STATE_GRACE = Duration.ofMinutes(1);

    private static final Duration HANDSHAKE_STATE_GRACE = Duration.ofSeconds(5);

    @Inject ServerEngines engines;
    @Inject HandshakeConfig config;
    @Inject MeterRegistry meters;
    @Inject EngineStateStore states;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();

    /** Ended handshakes and sessions, remembered a while to answer "done" rather than "unknown". */
    private final Map<String, String> ended =
            Collections.synchronizedMap(
                    new LinkedHashMap<>() {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                            return size() > TOMBSTONES;
                        }
                    });

    private ScheduledExecutorService sweeper;

    private static final class Pending {
        final String id;
        final ServerEngines.Handle handle;
        final TlsEngine engine;
        final HandshakeEventRecorder recorder;
        final MessageLog log;
        final HeldEvents events;
        final String peer;
        final long startedAtMillis;
        final Set<String> flights = ConcurrentHashMap.newKeySet();
        final ReentrantLock lock = new ReentrantLock();

        /** The engine state version this engine is at (0: not stored yet). */
        volatile long version;

        Pending(
                String id,
                ServerEngines.Handle handle,
                HandshakeEventRecorder recorder,
                MessageLog log,
                HeldEvents events,
                String peer,
                long startedAtMillis,
                long version) {
            this.id = id;
            this.handle = handle;
            this.engine = handle.engine;
            this.recorder = recorder;
            this.log = log;
            this.events = events;
            this.peer = peer;
            this.startedAtMillis = startedAtMillis;
            this.version = version;
        }
    }

    private static final class OpenSession {
        final String id;
        final String handshakeId;
        final ServerEngines.Handle handle;
        final TlsEngine engine;
        final String peer;
        final long startedAtMillis;
        volatile long lastUsedNanos = System.nanoTime();
        final ReentrantLock lock = new ReentrantLock();
        volatile long version;

        /** The store did not take its state: only this replica can serve it. */
        volatile boolean localOnly;

        OpenSession(
                String id,
                String handshakeId,
                ServerEngines.Handle handle,
                String peer,
                long startedAtMillis,
                long version) {
            this.id = id;
            this.handshakeId = handshakeId;
            this.handle = handle;
            this.engine = handle.engine;
            this.peer = peer;
            this.startedAtMillis = startedAtMillis;
            this.version = version;
        }
    }

    /** Collects the decoded view of the messages of one step. */
    private static final class MessageLog implements TlsListener {
        private final TlsListener next;
        private List<Map<String, Object>> messages = new ArrayList<>();

        MessageLog(TlsListener next) {
            this.next = next;
        }

        @Override
        public void handshakeMessage(Direction direction, HandshakeMessage message, byte[] raw) {
            messages.add(
                    MessageView.of(
                            direction == Direction.SENT ? "sent" : "received", message, raw));
            next.handshakeMessage(direction, message, raw);
        }

        @Override
        public void stateChanged(String from, String to) {
            next.stateChanged(from, to);
        }

        @Override
        public void alert(Direction direction, Alert alert) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("direction", direction == Direction.SENT ? "sent" : "received");
            v.put("type", "alert");
            v.put("level", alert.level().name().toLowerCase(java.util.Locale.ROOT));
            v.put("description", alert.description().wireName());
            messages.add(v);
            next.alert(direction, alert);
        }

        @Override
        public void changeCipherSpec(Direction direction) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("direction", direction == Direction.SENT ? "sent" : "received");
            v.put("type", "change_cipher_spec");
            messages.add(v);
            next.changeCipherSpec(direction);
        }

        List<Map<String, Object>> drain() {
            List<Map<String, Object>> out = messages;
            messages = new ArrayList<>();
            return out;
        }
    }

    @PostConstruct
    void init() {
        meters.gauge("handshake.rest.half-open", pending, Map::size);
        meters.gauge("handshake.rest.sessions", sessions, Map::size);
        sweeper =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "rest-handshake-sweeper");
                            t.setDaemon(true);
                            return t;
                        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    public int halfOpen() {
        return pending.size();
    }

    public int openSessions() {
        return sessions.size();
    }

    /** {@code POST /handshakes}: the client's first flight (its ClientHello). */
    public FlightResult start(byte[] flight, String peer) {
        checkFlight(flight);
        if (pending.size() >= config.rest().maxHalfOpen()) {
            throw new RestProblem(
                            503,
                            "too-many-handshakes",
                            "Too many handshakes in progress",
                            "at most "
                                    + config.rest().maxHalfOpen()
                                    + " handshakes may be open at once; retry shortly")
                    .with("retryAfterSeconds", 1);
        }
        String id = "hs-" + UUID.randomUUID();
        HeldEvents events = new HeldEvents(engines::publish);
        HandshakeEventRecorder recorder = new HandshakeEventRecorder(id, "rest", peer, events);
        MessageLog log = new MessageLog(recorder);
        ServerEngines.Handle engine =
                engines.newEngine(log)
                        .or(
                                () -> {
                                    recorder.abandoned("server not enrolled yet");
                                    events.publish();
                                    return java.util.Optional.empty();
                                })
                        .orElseThrow(RestHandshakes::notEnrolled);
        Pending p =
                new Pending(id, engine, recorder, log, events, peer, System.currentTimeMillis(), 0);
        p.flights.add(digest(flight));
        pending.put(id, p);
        p.lock.lock();
        try {
            return step(p, flight);
        } finally {
            p.lock.unlock();
        }
    }

    /** {@code POST /handshakes/{id}/flights}: the client's next flight. */
    public FlightResult next(String id, byte[] flight) {
        checkFlight(flight);
        Pending p = pending.get(id);
        if (states.shared()) {
            p = currentHandshake(id, p);
        } else if (p == null) {
            throw endedOrUnknownHandshake(id);
        }
        if (!p.lock.tryLock()) {
            throw flightInProgress(id);
        }
        try {
            if (pending.get(id) != p) {
                throw ended.containsKey(id) ? handshakeEnded(id) : flightInProgress(id);
            }
            if (pastLifetime(p, System.currentTimeMillis())) {
                expire(p);
                throw handshakeEnded(id);
            }
            if (!p.flights.add(digest(flight))) {
                // A flight seen before: the engine is not fed twice, and the handshake goes on.
                throw new RestProblem(
                                409,
                                "replayed-flight",
                                "Flight already received",
                                "this exact flight was already processed for handshake " + id)
                        .with("handshakeId", id);
            }
            return step(p, flight);
        } finally {
            p.lock.unlock();
        }
    }

    /** The handshake at its current version: the cached engine if current, else the stored one. */
    private Pending currentHandshake(String id, Pending cached) {
        if (cached == null && ended.containsKey(id)) {
            throw handshakeEnded(id);
        }
        if (cached != null && cached.version == 0) {
            throw flightInProgress(id); // its first flight is still being stored
        }
        Fetch f = states.fetch(id, cached == null ? 0 : cached.version);
        if (f instanceof Fetch.Unchanged) {
            return cached;
        }
        if (f instanceof Fetch.Current c) {
            try {
                return resumeHandshake(id, c.version(), c.state());
            } finally {
                Arrays.fill(c.state(), (byte) 0);
            }
        }
        if (cached != null) {
            pending.remove(id, cached);
        }
        if (f instanceof Fetch.Ended e) {
            ended.put(id, e.reason());
            throw handshakeEnded(id);
        }
        if (f instanceof Fetch.Expired) {
            ended.put(id, "expired");
            throw handshakeEnded(id);
        }
        if (f instanceof Fetch.Unavailable) {
            throw storeUnavailable();
        }
        throw RestProblem.unknownHandshake(id);
    }

    private Pending resumeHandshake(String id, long version, byte[] stored) {
        SuspendedExchange x = decode(stored);
        try {
            if (x.engine() == null) {
                throw heldByAnotherReplica(x.holder(), "handshake " + id);
            }
            HeldEvents events = new HeldEvents(engines::publish);
            HandshakeEventRecorder recorder =
                    HandshakeEventRecorder.continued(
                            id, events, x.startedAtMillis(), x.engineState(), x.transcriptHash());
            MessageLog log = new MessageLog(recorder);
            ServerEngines.Handle handle =
                    resume(log, x.sessionId(), x.resumedFrom(), x.engine(), "handshake " + id);
            Pending p =
                    new Pending(
                            id,
                            handle,
                            recorder,
                            log,
                            events,
                            x.peer(),
                            x.startedAtMillis(),
                            version);
            x.flightDigests().forEach(d -> p.flights.add(HexFormat.of().formatHex(d)));
            pending.put(id, p);
            return p;
        } finally {
            x.wipe();
        }
    }

    private FlightResult step(Pending p, byte[] flight) {
        EngineOutput out = p.engine.feed(flight);
        List<Map<String, Object>> messages = p.log.drain();
        if (out.failed() || p.engine.isClosed()) {
            Alert alert = out.alertSent().or(out::alertReceived).orElse(null);
            finish(
                    p,
                    "failed" + (alert == null ? "" : " (" + alert.description().wireName() + ")"));
            Map<String, Object> alertView = alertView(alert, out.alertSent().isPresent());
            throw new RestProblem(
                            422,
                            "handshake-failed",
                            "Handshake failed",
                            alert == null
                                    ? "the handshake ended"
                                    : (out.alertSent().isPresent()
                                                    ? "the server sent "
                                                    : "the client sent ")
                                            + alert.description().wireName())
                    .with("handshakeId", p.id)
                    .with("alert", alertView)
                    .with("records", java.util.Base64.getEncoder().encodeToString(out.outbound()))
                    .with("messages", messages);
        }
        if (out.handshakeComplete()) {
            if (sessions.size() >= config.rest().maxSessions()) {
                p.engine.close();
                finish(p, "refused: too many sessions");
                throw new RestProblem(
                        503,
                        "too-many-sessions",
                        "Too many open sessions",
                        "at most " + config.rest().maxSessions() + " REST sessions may be open");
            }
            String sessionId = p.handle.sessionId;
            finish(p, "complete (session " + sessionId + ")");
            openSession(p);
            engines.completed(p.handle, p.recorder, p.peer);
            p.events.publish();
            return new FlightResult(
                    p.id,
                    "complete",
                    out.outbound(),
                    messages,
                    sessionId,
                    negotiated(p.engine.negotiated().orElseThrow()),
                    null);
        }
        if (out.outbound().length == 0) {
            // The engine is waiting for the rest of a message: over REST a flight must carry whole
            // handshake messages, so this handshake cannot go on.
            p.recorder.abandoned("incomplete flight");
            finish(p, "failed (incomplete flight)");
            throw new RestProblem(
                            400,
                            "incomplete-flight",
                            "Incomplete flight",
                            "the records end inside a handshake message; send whole messages in one flight")
                    .with("handshakeId", p.id);
        }
        storeStep(p);
        p.events.publish();
        return new FlightResult(p.id, "in-progress", out.outbound(), messages, null, null, null);
    }

    /**
     * The handshake ended (complete, failed, refused): its stored state ends at the version this
     * step built on. Losing that race means another request ended or advanced it first.
     */
    private void finish(Pending p, String reason) {
        pending.remove(p.id, p);
        if (p.version > 0) {
            Write w = states.end(p.id, p.version, reason);
            if (!w.won()) {
                p.events.drop();
                throw w.outcome() == Outcome.UNAVAILABLE ? storeUnavailable() : lostRace(p.id);
            }
        }
        ended.put(p.id, reason);
        p.events.publish();
    }

    /** Stores the engine after a step that leaves the handshake in progress. */
    private void storeStep(Pending p) {
        if (!states.shared()) {
            return;
        }
        byte[] state = exchange(p.id, p.handle, p.peer, p.startedAtMillis, p.recorder, p.flights);
        try {
            Duration ttl =
                    config.rest()
                            .handshakeLifetime()
                            .minusMillis(System.currentTimeMillis() - p.startedAtMillis)
                            .plus(HANDSHAKE_STATE_GRACE);
            Write w =
                    p.version == 0
                            ? states.create(p.id, Kind.HANDSHAKE, state, ttl)
                            : states.replace(p.id, p.version, Kind.HANDSHAKE, state, ttl);
            if (w.won()) {
                p.version = w.version();
                return;
            }
            pending.remove(p.id, p);
            p.events.drop();
            throw w.outcome() == Outcome.UNAVAILABLE ? storeUnavailable() : lostRace(p.id);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    /** The session a completed handshake opened, stored as its own engine state. */
    private void openSession(Pending p) {
        String sessionId = p.handle.sessionId;
        OpenSession s = new OpenSession(sessionId, p.id, p.handle, p.peer, p.startedAtMillis, 0);
        if (states.shared()) {
            byte[] state =
                    exchange(p.id, p.handle, p.peer, p.startedAtMillis, p.recorder, Set.of());
            try {
                Write w = states.create(sessionId, Kind.SESSION, state, sessionTtl());
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

    /** The suspended engine and what goes with it; holds secrets (the caller zeroises it). */
    private byte[] exchange(
            String handshakeId,
            ServerEngines.Handle handle,
            String peer,
            long startedAtMillis,
            HandshakeEventRecorder recorder,
            Set<String> flights) {
        byte[] engine;
        try {
            engine = handle.engine.suspend();
        } catch (IllegalStateException e) {
            // A state the engine cannot suspend (e.g. TLS 1.2 until it can): only this replica
            // continues it, and the others are told so (421).
            engine = null;
        }
        List<byte[]> digests = new ArrayList<>();
        for (String d : flights) {
            digests.add(HexFormat.of().parseHex(d));
        }
        SuspendedExchange x =
                new SuspendedExchange(
                        handshakeId,
                        handle.sessionId,
                        peer,
                        startedAtMillis,
                        handle.resumedFrom(),
                        recorder == null ? null : recorder.transcriptHash(),
                        handle.engine.stateName(),
                        engines.instance(),
                        digests,
                        engine);
        try {
            return x.encode();
        } finally {
            x.wipe();
        }
    }

    private Duration sessionTtl() {
        return config.rest().sessionIdleTimeout().plus(SESSION_STATE_GRACE);
    }

    /** {@code POST /sessions/{id}/records}: encrypted records in, encrypted echo out. */
    public FlightResult records(String sessionId, byte[] records) {
        checkFlight(records);
        OpenSession s = currentSession(sessionId);
        if (!s.lock.tryLock()) {
            throw recordsInProgress(sessionId);
        }
        try {
            if (sessions.get(sessionId) != s) {
                throw ended.containsKey(sessionId)
                        ? sessionClosed(sessionId)
                        : recordsInProgress(sessionId);
            }
            s.lastUsedNanos = System.nanoTime();
            EngineOutput out = s.engine.feed(records);
            byte[] response = out.outbound();
            if (out.failed() || (s.engine.isClosed() && !s.engine.isPeerClosed())) {
                Alert alert = out.alertSent().or(out::alertReceived).orElse(null);
                end(s, "client", alert == null ? "failed" : alert.description().wireName());
                throw new RestProblem(
                                422,
                                "session-failed",
                                "Session failed",
                                alert == null
                                        ? "the session ended"
                                        : (out.alertSent().isPresent()
                                                        ? "the server sent "
                                                        : "the client sent ")
                                                + alert.description().wireName())
                        .with("sessionId", sessionId)
                        .with("alert", alertView(alert, out.alertSent().isPresent()))
                        .with("records", java.util.Base64.getEncoder().encodeToString(response));
            }
            if (!out.applicationData().isEmpty() && !s.engine.isPeerClosed()) {
                byte[] plain = out.applicationBytes();
                byte[] echo = echo(plain);
                java.util.Arrays.fill(plain, (byte) 0);
                response = concat(response, s.engine.write(echo).outbound());
                java.util.Arrays.fill(echo, (byte) 0);
            }
            if (s.engine.isPeerClosed()) {
                // RFC 8446 §6.1: answer the client's close_notify with ours; the session ends.
                response = concat(response, s.engine.close().outbound());
                end(s, "client", "close_notify");
                return new FlightResult(
                        s.handshakeId, "closed", response, List.of(), sessionId, null, null);
            }
            storeSession(s);
            return new FlightResult(
                    s.handshakeId, "open", response, List.of(), sessionId, null, null);
        } finally {
            s.lock.unlock();
        }
    }

    /** {@code DELETE /sessions/{id}}: the server closes; the response carries its close_notify. */
    public FlightResult close(String sessionId) {
        OpenSession s = currentSession(sessionId);
        s.lock.lock();
        try {
            if (sessions.get(sessionId) != s) {
                throw ended.containsKey(sessionId)
                        ? sessionClosed(sessionId)
                        : recordsInProgress(sessionId);
            }
            byte[] out = s.engine.close().outbound();
            end(s, "server", "close_notify");
            return new FlightResult(s.handshakeId, "closed", out, List.of(), sessionId, null, null);
        } finally {
            s.lock.unlock();
        }
    }

    /** The session at its current version: the cached engine if current, else the stored one. */
    private OpenSession currentSession(String id) {
        OpenSession cached = sessions.get(id);
        if (!states.shared() || (cached != null && cached.localOnly)) {
            if (cached == null) {
                throw ended.containsKey(id) ? sessionClosed(id) : RestProblem.unknownSession(id);
            }
            return cached;
        }
        if (cached == null && ended.containsKey(id)) {
            throw sessionClosed(id);
        }
        Fetch f = states.fetch(id, cached == null ? 0 : cached.version);
        if (f instanceof Fetch.Unchanged) {
            return cached;
        }
        if (f instanceof Fetch.Current c) {
            try {
                return resumeSession(id, c.version(), c.state());
            } finally {
                Arrays.fill(c.state(), (byte) 0);
            }
        }
        if (cached != null) {
            sessions.remove(id, cached);
        }
        if (f instanceof Fetch.Ended e) {
            ended.put(id, e.reason());
            throw sessionClosed(id);
        }
        if (f instanceof Fetch.Expired) {
            ended.put(id, "expired (idle)");
            throw sessionClosed(id);
        }
        if (f instanceof Fetch.Unavailable) {
            throw storeUnavailable();
        }
        throw RestProblem.unknownSession(id);
    }

    private OpenSession resumeSession(String id, long version, byte[] stored) {
        SuspendedExchange x = decode(stored);
        try {
            if (x.engine() == null) {
                throw heldByAnotherReplica(x.holder(), "session " + id);
            }
            ServerEngines.Handle handle =
                    resume(TlsListener.NONE, id, x.resumedFrom(), x.engine(), "session " + id);
            OpenSession s =
                    new OpenSession(
                            id, x.handshakeId(), handle, x.peer(), x.startedAtMillis(), version);
            sessions.put(id, s);
            return s;
        } finally {
            x.wipe();
        }
    }

    /** Stores the session's engine after records went through both ways. */
    private void storeSession(OpenSession s) {
        if (!states.shared() || s.localOnly) {
            return;
        }
        byte[] state = exchange(s.handshakeId, s.handle, s.peer, s.startedAtMillis, null, Set.of());
        try {
            Write w = states.replace(s.id, s.version, Kind.SESSION, state, sessionTtl());
            if (w.won()) {
                s.version = w.version();
                return;
            }
            sessions.remove(s.id, s);
            throw w.outcome() == Outcome.UNAVAILABLE ? storeUnavailable() : recordsInProgress(s.id);
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
                    throw w.outcome() == Outcome.UNAVAILABLE
                            ? storeUnavailable()
                            : recordsInProgress(s.id);
                }
            }
            ended.put(s.id, why);
            engines.closed(s.id, by, reason);
        }
    }

    private ServerEngines.Handle resume(
            TlsListener listener,
            String sessionId,
            String resumedFrom,
            byte[] engine,
            String what) {
        try {
            return engines.resumeEngine(listener, sessionId, resumedFrom, engine)
                    .orElseThrow(RestHandshakes::notEnrolled);
        } catch (IllegalArgumentException e) {
            LOG.warnf("the stored engine of %s does not resume here: %s", what, e.getMessage());
            throw new RestProblem(
                    500,
                    "state-unreadable",
                    "Stored state unreadable",
                    "the stored state of " + what + " cannot be resumed by this replica");
        }
    }

    private static SuspendedExchange decode(byte[] stored) {
        try {
            return SuspendedExchange.decode(stored);
        } catch (IllegalArgumentException e) {
            throw new RestProblem(
                    500,
                    "state-unreadable",
                    "Stored state unreadable",
                    "the stored state cannot be read by this replica");
        }
    }

    private static byte[] echo(byte[] plain) {
        String prefix = "echo at " + Instant.now() + ": ";
        return concat(prefix.getBytes(StandardCharsets.UTF_8), plain);
    }

    private void sweep() {
        try {
            sweepHandshakes();
            sweepSessions();
        } catch (RuntimeException e) {
            LOG.warnf("REST sweep failed: %s", e.toString());
        }
    }

    /**
     * Handshakes past their lifetime (counted from their start, on whichever replica): the replica
     * that holds the current version ends it and reports it; others just forget their copy.
     */
    private void sweepHandshakes() {
        long now = System.currentTimeMillis();
        for (Pending p : List.copyOf(pending.values())) {
            if (pastLifetime(p, now) && p.lock.tryLock()) {
                try {
                    expire(p);
                } finally {
                    p.lock.unlock();
                }
            }
        }
    }

    private boolean pastLifetime(Pending p, long nowMillis) {
        return nowMillis - p.startedAtMillis > config.rest().handshakeLifetime().toMillis();
    }

    /**
     * Under the handshake's lock: ends it as expired. Only the replica holding the current version
     * wins the end and reports it; another replica's copy is just forgotten.
     */
    private void expire(Pending p) {
        if (pending.remove(p.id, p)
                && (p.version == 0 || states.end(p.id, p.version, "expired").won())) {
            ended.put(p.id, "expired");
            p.recorder.abandoned("not complete within " + config.rest().handshakeLifetime());
            p.events.publish();
        }
    }

    private void sweepSessions() {
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
    }

    private RestProblem endedOrUnknownHandshake(String id) {
        return ended.containsKey(id) ? handshakeEnded(id) : RestProblem.unknownHandshake(id);
    }

    private RestProblem handshakeEnded(String id) {
        return new RestProblem(
                        409,
                        "handshake-ended",
                        "Handshake already ended",
                        "handshake " + id + " is " + ended.getOrDefault(id, "ended"))
                .with("handshakeId", id);
    }

    private RestProblem sessionClosed(String id) {
        return new RestProblem(
                        410,
                        "session-closed",
                        "Session closed",
                        "session " + id + " is " + ended.getOrDefault(id, "closed"))
                .with("sessionId", id);
    }

    private static RestProblem flightInProgress(String id) {
        return new RestProblem(
                        409,
                        "flight-in-progress",
                        "Another flight is being processed",
                        "send flights of one handshake one at a time")
                .with("handshakeId", id);
    }

    /** Another request (on this replica or another) advanced or ended the handshake first. */
    private static RestProblem lostRace(String id) {
        return new RestProblem(
                        409,
                        "flight-in-progress",
                        "Another flight was processed first",
                        "another request advanced handshake "
                                + id
                                + " first (maybe on another replica); this flight was not taken")
                .with("handshakeId", id);
    }

    private static RestProblem recordsInProgress(String id) {
        return new RestProblem(
                        409,
                        "records-in-progress",
                        "Other records are being processed",
                        "send the records of one session one request at a time")
                .with("sessionId", id);
    }

    private static RestProblem storeUnavailable() {
        return new RestProblem(
                        503,
                        "state-store-unavailable",
                        "Session store unavailable",
                        "the session store, which holds REST handshakes and sessions for every"
                                + " replica, did not answer; nothing was changed, retry shortly")
                .with("retryAfterSeconds", 1);
    }

    private static RestProblem heldByAnotherReplica(String holder, String what) {
        return new RestProblem(
                        421,
                        "held-by-another-replica",
                        "Served by another replica",
                        what
                                + " is in a state that cannot move between replicas; send it to"
                                + " replica "
                                + holder)
                .with("replica", holder);
    }

    private static RestProblem notEnrolled() {
        return new RestProblem(
                503,
                "not-enrolled",
                "Server certificate not yet issued",
                "the service is still enrolling at the CA; see /q/health/ready");
    }

    private void checkFlight(byte[] flight) {
        if (flight.length == 0) {
            throw new RestProblem(
                    400,
                    "empty-flight",
                    "Empty flight",
                    "records must hold at least one TLS record");
        }
        if (flight.length > config.rest().maxFlightBytes()) {
            throw new RestProblem(
                    413,
                    "flight-too-large",
                    "Flight too large",
                    "a flight may hold at most " + config.rest().maxFlightBytes() + " bytes");
        }
        // RFC 8446 §5.1: a flight is whole records (5-byte header, then the length it announces).
        int off = 0;
        while (off < flight.length) {
            if (flight.length - off < Record.HEADER_LENGTH) {
                throw truncated(off);
            }
            int len = ((flight[off + 3] & 0xff) << 8) | (flight[off + 4] & 0xff);
            if (flight.length - off - Record.HEADER_LENGTH < len) {
                throw truncated(off);
            }
            off += Record.HEADER_LENGTH + len;
        }
    }

    private static RestProblem truncated(int offset) {
        return new RestProblem(
                400,
                "truncated-records",
                "Truncated TLS records",
                "the record at byte " + offset + " is cut short; a flight must hold whole records");
    }

    private static Map<String, Object> alertView(Alert alert, boolean sent) {
        if (alert == null) {
            return null;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", alert.level().name().toLowerCase(java.util.Locale.ROOT));
        v.put("description", alert.description().wireName());
        v.put("code", alert.description().code());
        v.put("sentBy", sent ? "server" : "client");
        return v;
    }

    private static Map<String, Object> negotiated(Negotiated n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", TlsNames.protocol(n.version()));
        v.put("cipherSuite", n.cipherSuite().name());
        v.put("group", TlsNames.group(n.group()));
        v.put("resumed", n.resumed());
        v.put("helloRetryRequest", n.helloRetryRequest());
        v.put("clientAuthenticated", !n.peerCertificates().isEmpty());
        return v;
    }

    private static String digest(byte[] flight) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(flight));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
