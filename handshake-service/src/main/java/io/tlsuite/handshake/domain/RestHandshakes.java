package io.tlsuite.handshake.domain;

import io.micrometer.core.instrument.Counter;
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
import io.tlsuite.protocol.config.ClientAuth;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Handshakes whose flights arrive as REST requests. With the session store configured, any replica
 * serves any step: after each step the engine is suspended and stored as a new version of its
 * engine state ({@link EngineSnapshots}), and a step for an id this replica does not hold at the
 * current version resumes the stored engine. Engines stay in memory as a cache: a step runs on the
 * cached engine without asking first (unless the handshake has already moved between replicas), and
 * every write names the version it builds on, so the store says whether the cache was current. If
 * it was not, the step's engine, answer and events are dropped and the step runs once more on the
 * stored engine ({@link StaleCopy}); when two replicas race for one step exactly one commits and
 * the other answers 409. Without the store, everything stays in this replica's memory (bounded,
 * expiring). A completed handshake hands its engine to {@link RestSessions}.
 */
@ApplicationScoped
public class RestHandshakes {
    private static final Logger LOG = Logger.getLogger(RestHandshakes.class);

    /** Stored states outlive their deadline a little, so that their holder ends them itself. */
    private static final Duration STATE_GRACE = Duration.ofSeconds(5);

    @Inject ServerEngines engines;
    @Inject HandshakeConfig config;
    @Inject MeterRegistry meters;
    @Inject EngineStateStore states;
    @Inject EngineSnapshots snapshots;
    @Inject RestSessions sessions;

    private final Map<String, PendingHandshake> pending = new ConcurrentHashMap<>();
    private final Tombstones ended = new Tombstones();
    private ScheduledExecutorService sweeper;
    private Counter staleCopies;

    @PostConstruct
    void init() {
        meters.gauge("handshake.rest.half-open", pending, Map::size);
        staleCopies = StaleCopy.counter(meters, "handshake");
        sweeper = Sweeper.everySecond("rest-handshake-sweeper", this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /**
     * {@code POST /handshakes}: the client's first flight (its ClientHello); {@code clientAuth}
     * (null: as configured) may ask for a client certificate for this handshake, never for less
     * than the configuration demands.
     */
    public FlightResult start(byte[] flight, String peer, ClientAuth clientAuth) {
        FlightCheck.check(flight, config.rest().maxFlightBytes());
        if (pending.size() >= config.rest().maxHalfOpen()) {
            throw new RestProblem(
                            HandshakeProblems.TOO_MANY_HANDSHAKES,
                            "at most "
                                    + config.rest().maxHalfOpen()
                                    + " handshakes may be open at once; retry shortly")
                    .with("retryAfterSeconds", 1);
        }
        String address = addressOf(peer);
        long mine =
                pending.values().stream().filter(h -> address.equals(addressOf(h.peer))).count();
        if (mine >= config.rest().maxHalfOpenPerClient()) {
            throw new RestProblem(
                            HandshakeProblems.TOO_MANY_HANDSHAKES_FROM_CLIENT,
                            "at most "
                                    + config.rest().maxHalfOpenPerClient()
                                    + " handshakes may be open at once from one address; finish or"
                                    + " abandon one, or retry shortly")
                    .with("retryAfterSeconds", 1);
        }
        String id = "hs-" + UUID.randomUUID();
        ClientBinding.Issued client = ClientBinding.issue();
        HeldEvents events = new HeldEvents(engines::publish);
        HandshakeEventRecorder recorder = new HandshakeEventRecorder(id, "rest", peer, events);
        MessageLog log = new MessageLog(recorder);
        ServerEngines.Handle engine =
                engines.newEngine(log, clientAuth)
                        .or(
                                () -> {
                                    recorder.abandoned("server not enrolled yet");
                                    events.publish();
                                    return Optional.empty();
                                })
                        .orElseThrow(RestProblems::notEnrolled);
        PendingHandshake p =
                new PendingHandshake(
                        id,
                        engine,
                        recorder,
                        log,
                        events,
                        peer,
                        System.currentTimeMillis(),
                        client.binding(),
                        0);
        p.firstTimeSeen(flight);
        pending.put(id, p);
        p.lock.lock();
        try {
            return step(p, flight).withClientSecret(client.secret());
        } finally {
            p.lock.unlock();
        }
    }

    /** The address part of a peer ({@code host:port}, or {@code [v6]:port}). */
    static String addressOf(String peer) {
        if (peer == null) {
            return "unknown";
        }
        int colon = peer.lastIndexOf(':');
        return colon > 0 ? peer.substring(0, colon) : peer;
    }

    /**
     * {@code POST /handshakes/{id}/flights}: the client's next flight, from the client that started
     * the handshake ({@code clientSecret}: the secret its first step returned).
     */
    public FlightResult next(String id, String clientSecret, byte[] flight) {
        FlightCheck.check(flight, config.rest().maxFlightBytes());
        PendingHandshake cached = pending.get(id);
        if (!states.shared()) {
            if (cached == null) {
                throw ended.contains(id) ? ended(id) : RestProblems.unknownHandshake(id);
            }
            return next(cached, clientSecret, flight, false);
        }
        if (cached != null && cached.version > 0 && !cached.resumedHere) {
            // Optimistic: step the cached engine; the write that ends the step names its version,
            // so the store itself says whether it was current. Saves a read on every step.
            try {
                return next(cached, clientSecret, flight, true);
            } catch (StaleCopy stale) {
                staleCopies.increment();
                pending.remove(id, cached);
                cached = null;
            }
        }
        return next(current(id, cached, clientSecret), clientSecret, flight, false);
    }

    /**
     * One step on {@code p}. {@code unconfirmed}: {@code p} is the cached engine, not known to be
     * current; a write the store refuses then throws {@link StaleCopy} instead of answering.
     */
    private FlightResult next(
            PendingHandshake p, String clientSecret, byte[] flight, boolean unconfirmed) {
        String id = p.id;
        ClientBinding.check(p.binding, clientSecret, "handshake", id);
        if (!p.lock.tryLock()) {
            throw RestProblems.flightInProgress(id);
        }
        try {
            if (pending.get(id) != p) {
                throw ended.contains(id) ? ended(id) : RestProblems.flightInProgress(id);
            }
            if (pastLifetime(p, System.currentTimeMillis())) {
                expire(p);
                throw ended(id);
            }
            if (!p.firstTimeSeen(flight)) {
                // A flight seen before: the engine is not fed twice, and the handshake goes on.
                throw new RestProblem(
                                HandshakeProblems.REPLAYED_FLIGHT,
                                "this exact flight was already processed for handshake " + id)
                        .with("handshakeId", id);
            }
            p.unconfirmed = unconfirmed;
            return step(p, flight);
        } finally {
            p.unconfirmed = false;
            p.lock.unlock();
        }
    }

    /** The handshake at its current version: the cached engine if current, else the stored one. */
    private PendingHandshake current(String id, PendingHandshake cached, String clientSecret) {
        if (cached == null && ended.contains(id)) {
            throw ended(id);
        }
        if (cached != null && cached.version == 0) {
            throw RestProblems.flightInProgress(id); // its first flight is still being stored
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
            pending.remove(id, cached);
        }
        if (f instanceof Fetch.Ended e) {
            ended.bury(id, e.reason());
            throw ended(id);
        }
        if (f instanceof Fetch.Expired) {
            ended.bury(id, "expired");
            throw ended(id);
        }
        if (f instanceof Fetch.Unavailable) {
            throw RestProblems.storeUnavailable();
        }
        throw RestProblems.unknownHandshake(id);
    }

    private PendingHandshake resume(String id, long version, byte[] stored, String clientSecret) {
        SuspendedExchange x = snapshots.read(stored);
        try {
            // Checked before the engine is rebuilt: a stranger's request costs no resumption.
            ClientBinding binding = ClientBinding.fromStored(x.clientBinding());
            ClientBinding.check(binding, clientSecret, "handshake", id);
            HeldEvents events = new HeldEvents(engines::publish);
            HandshakeEventRecorder recorder =
                    HandshakeEventRecorder.continued(
                            id, events, x.startedAtMillis(), x.engineState(), x.transcriptHash());
            MessageLog log = new MessageLog(recorder);
            ServerEngines.Handle handle =
                    snapshots.resume(log, x.sessionId(), x, "handshake " + id);
            PendingHandshake p =
                    new PendingHandshake(
                            id,
                            handle,
                            recorder,
                            log,
                            events,
                            x.peer(),
                            x.startedAtMillis(),
                            binding,
                            version);
            x.flightDigests().forEach(d -> p.flights.add(HexFormat.of().formatHex(d)));
            p.resumedHere = true;
            pending.put(id, p);
            return p;
        } finally {
            x.wipe();
        }
    }

    private FlightResult step(PendingHandshake p, byte[] flight) {
        EngineOutput out = p.engine.feed(flight);
        List<Map<String, Object>> messages = p.log.drain();
        if (out.failed() || p.engine.isClosed()) {
            var alert = StepViews.endingAlert(out);
            finish(
                    p,
                    "failed" + (alert == null ? "" : " (" + alert.description().wireName() + ")"));
            throw new RestProblem(
                            HandshakeProblems.HANDSHAKE_FAILED,
                            StepViews.whoSent(out, "the handshake ended"))
                    .with("handshakeId", p.id)
                    .with("alert", StepViews.alert(out))
                    .with("records", Base64.getEncoder().encodeToString(out.outbound()))
                    .with("messages", messages);
        }
        if (out.handshakeComplete()) {
            if (!sessions.hasRoom()) {
                p.engine.close();
                finish(p, "refused: too many sessions");
                throw new RestProblem(
                        HandshakeProblems.TOO_MANY_SESSIONS,
                        "at most " + config.rest().maxSessions() + " REST sessions may be open");
            }
            String sessionId = p.handle.sessionId;
            finish(p, "complete (session " + sessionId + ")");
            sessions.open(p);
            engines.completed(p.handle, p.recorder, p.peer);
            p.events.publish();
            return new FlightResult(
                    p.id,
                    "complete",
                    out.outbound(),
                    messages,
                    sessionId,
                    StepViews.negotiated(p.engine.negotiated().orElseThrow()),
                    null);
        }
        if (out.outbound().length == 0) {
            // The engine is waiting for the rest of a message: over REST a flight must carry whole
            // handshake messages, so this handshake cannot go on.
            p.recorder.abandoned("incomplete flight");
            finish(p, "failed (incomplete flight)");
            throw new RestProblem(
                            HandshakeProblems.INCOMPLETE_FLIGHT,
                            "the records end inside a handshake message; send whole messages in one flight")
                    .with("handshakeId", p.id);
        }
        store(p);
        p.events.publish();
        return new FlightResult(p.id, "in-progress", out.outbound(), messages, null, null, null);
    }

    /**
     * The handshake ended (complete, failed, refused): its stored state ends at the version this
     * step built on. Losing that race means another request ended or advanced it first.
     */
    private void finish(PendingHandshake p, String reason) {
        pending.remove(p.id, p);
        if (p.version > 0) {
            Write w = states.end(p.id, p.version, reason);
            if (!w.won()) {
                p.events.drop();
                StaleCopy.throwIfStale(p.unconfirmed, w);
                throw w.outcome() == Outcome.UNAVAILABLE
                        ? RestProblems.storeUnavailable()
                        : RestProblems.lostRace(p.id);
            }
        }
        ended.bury(p.id, reason);
        p.events.publish();
    }

    /** Stores the engine after a step that leaves the handshake in progress. */
    private void store(PendingHandshake p) {
        if (!states.shared()) {
            return;
        }
        byte[] state = snapshots.take(p, p.flights);
        try {
            Duration ttl =
                    config.rest()
                            .handshakeLifetime()
                            .minusMillis(System.currentTimeMillis() - p.startedAtMillis)
                            .plus(STATE_GRACE);
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
            StaleCopy.throwIfStale(p.unconfirmed, w);
            throw w.outcome() == Outcome.UNAVAILABLE
                    ? RestProblems.storeUnavailable()
                    : RestProblems.lostRace(p.id);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    private RestProblem ended(String id) {
        return RestProblems.handshakeEnded(id, ended.reason(id, "ended"));
    }

    /**
     * Handshakes past their lifetime (counted from their start, on whichever replica): the replica
     * that holds the current version ends it and reports it; others just forget their copy.
     */
    private void sweep() {
        try {
            long now = System.currentTimeMillis();
            for (PendingHandshake p : List.copyOf(pending.values())) {
                if (pastLifetime(p, now) && p.lock.tryLock()) {
                    try {
                        expire(p);
                    } finally {
                        p.lock.unlock();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("REST handshake sweep failed: %s", e.toString());
        }
    }

    private boolean pastLifetime(PendingHandshake p, long nowMillis) {
        return nowMillis - p.startedAtMillis > config.rest().handshakeLifetime().toMillis();
    }

    /**
     * Under the handshake's lock: ends it as expired. Only the replica holding the current version
     * wins the end and reports it; another replica's copy is just forgotten.
     */
    private void expire(PendingHandshake p) {
        if (pending.remove(p.id, p)
                && (p.version == 0 || states.end(p.id, p.version, "expired").won())) {
            ended.bury(p.id, "expired");
            p.recorder.abandoned("not complete within " + config.rest().handshakeLifetime());
            p.events.publish();
        }
    }
}
