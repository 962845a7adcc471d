package io.tlsuite.handshake.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.TlsListener;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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

/**
 * Handshakes whose flights arrive as REST requests, and the sessions they open. A sans-I/O engine
 * mid-handshake holds live key-exchange state, so in-flight handshakes and open REST sessions live
 * in this instance's memory (bounded, expiring); completed sessions are registered in the session
 * store. A step for a handshake of another replica is answered 404 unknown-handshake.
 */
@ApplicationScoped
public class RestHandshakes {
    private static final int TOMBSTONES = 10_000;

    @Inject ServerEngines engines;
    @Inject HandshakeConfig config;
    @Inject MeterRegistry meters;

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
        final String peer;
        final long createdNanos = System.nanoTime();
        final Set<String> flights = new HashSet<>();
        final ReentrantLock lock = new ReentrantLock();

        Pending(
                String id,
                ServerEngines.Handle handle,
                HandshakeEventRecorder recorder,
                MessageLog log,
                String peer) {
            this.id = id;
            this.handle = handle;
            this.engine = handle.engine;
            this.recorder = recorder;
            this.log = log;
            this.peer = peer;
        }
    }

    private static final class OpenSession {
        final String id;
        final String handshakeId;
        final TlsEngine engine;
        volatile long lastUsedNanos = System.nanoTime();
        final ReentrantLock lock = new ReentrantLock();

        OpenSession(String id, String handshakeId, TlsEngine engine) {
            this.id = id;
            this.handshakeId = handshakeId;
            this.engine = engine;
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
        HandshakeEventRecorder recorder =
                new HandshakeEventRecorder(id, "rest", peer, engines::publish);
        MessageLog log = new MessageLog(recorder);
        ServerEngines.Handle engine =
                engines.newEngine(log)
                        .or(
                                () -> {
                                    recorder.abandoned("server not enrolled yet");
                                    return java.util.Optional.empty();
                                })
                        .orElseThrow(
                                () ->
                                        new RestProblem(
                                                503,
                                                "not-enrolled",
                                                "Server certificate not yet issued",
                                                "the service is still enrolling at the CA; see /q/health/ready"));
        Pending p = new Pending(id, engine, recorder, log, peer);
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
        if (p == null) {
            String end = ended.get(id);
            if (end != null) {
                throw new RestProblem(
                                409,
                                "handshake-ended",
                                "Handshake already ended",
                                "handshake " + id + " is " + end)
                        .with("handshakeId", id);
            }
            throw RestProblem.unknownHandshake(id);
        }
        if (!p.lock.tryLock()) {
            throw new RestProblem(
                    409,
                    "flight-in-progress",
                    "Another flight is being processed",
                    "send flights of one handshake one at a time");
        }
        try {
            if (!pending.containsKey(id)) {
                throw RestProblem.unknownHandshake(id);
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

    private FlightResult step(Pending p, byte[] flight) {
        EngineOutput out = p.engine.feed(flight);
        List<Map<String, Object>> messages = p.log.drain();
        if (out.failed() || p.engine.isClosed()) {
            pending.remove(p.id);
            Alert alert = out.alertSent().or(out::alertReceived).orElse(null);
            ended.put(
                    p.id,
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
            pending.remove(p.id);
            if (sessions.size() >= config.rest().maxSessions()) {
                p.engine.close();
                ended.put(p.id, "refused: too many sessions");
                throw new RestProblem(
                        503,
                        "too-many-sessions",
                        "Too many open sessions",
                        "at most " + config.rest().maxSessions() + " REST sessions may be open");
            }
            String sessionId = engines.completed(p.handle, p.recorder, p.peer);
            ended.put(p.id, "complete (session " + sessionId + ")");
            sessions.put(sessionId, new OpenSession(sessionId, p.id, p.engine));
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
            pending.remove(p.id);
            ended.put(p.id, "failed (incomplete flight)");
            p.recorder.abandoned("incomplete flight");
            throw new RestProblem(
                            400,
                            "incomplete-flight",
                            "Incomplete flight",
                            "the records end inside a handshake message; send whole messages in one flight")
                    .with("handshakeId", p.id);
        }
        return new FlightResult(p.id, "in-progress", out.outbound(), messages, null, null, null);
    }

    /** {@code POST /sessions/{id}/records}: encrypted records in, encrypted echo out. */
    public FlightResult records(String sessionId, byte[] records) {
        checkFlight(records);
        OpenSession s = sessions.get(sessionId);
        if (s == null) {
            String end = ended.get(sessionId);
            if (end != null) {
                throw new RestProblem(
                                410,
                                "session-closed",
                                "Session closed",
                                "session " + sessionId + " is " + end)
                        .with("sessionId", sessionId);
            }
            throw RestProblem.unknownSession(sessionId);
        }
        if (!s.lock.tryLock()) {
            throw new RestProblem(
                    409,
                    "records-in-progress",
                    "Other records are being processed",
                    "send the records of one session one request at a time");
        }
        try {
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
            return new FlightResult(
                    s.handshakeId, "open", response, List.of(), sessionId, null, null);
        } finally {
            s.lock.unlock();
        }
    }

    /** {@code DELETE /sessions/{id}}: the server closes; the response carries its close_notify. */
    public FlightResult close(String sessionId) {
        OpenSession s = sessions.get(sessionId);
        if (s == null) {
            if (ended.containsKey(sessionId)) {
                throw new RestProblem(
                        410,
                        "session-closed",
                        "Session closed",
                        "session " + sessionId + " is " + ended.get(sessionId));
            }
            throw RestProblem.unknownSession(sessionId);
        }
        s.lock.lock();
        try {
            byte[] out = s.engine.close().outbound();
            end(s, "server", "close_notify");
            return new FlightResult(s.handshakeId, "closed", out, List.of(), sessionId, null, null);
        } finally {
            s.lock.unlock();
        }
    }

    private void end(OpenSession s, String by, String reason) {
        if (sessions.remove(s.id) != null) {
            ended.put(s.id, "closed by the " + by + " (" + reason + ")");
            engines.closed(s.id, by, reason);
        }
    }

    private static byte[] echo(byte[] plain) {
        String prefix = "echo at " + Instant.now() + ": ";
        return concat(prefix.getBytes(StandardCharsets.UTF_8), plain);
    }

    private void sweep() {
        long now = System.nanoTime();
        long lifetime = config.rest().handshakeLifetime().toNanos();
        for (Pending p : List.copyOf(pending.values())) {
            if (now - p.createdNanos > lifetime && p.lock.tryLock()) {
                try {
                    if (pending.remove(p.id) != null) {
                        ended.put(p.id, "expired");
                        p.recorder.abandoned(
                                "not complete within " + config.rest().handshakeLifetime());
                    }
                } finally {
                    p.lock.unlock();
                }
            }
        }
        long idle = config.rest().sessionIdleTimeout().toNanos();
        for (OpenSession s : List.copyOf(sessions.values())) {
            if (now - s.lastUsedNanos > idle && s.lock.tryLock()) {
                try {
                    s.engine.close();
                    end(s, "server", "idle-timeout");
                } finally {
                    s.lock.unlock();
                }
            }
        }
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
