package io.tlsuite.dashboard.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every view of the dashboard, kept in memory and bounded: the most recent events (a ring), and per
 * handshake, session, certificate and agent run what the pages show, plus rates and anomalies. One
 * thread appends (the topic reader, in batches); any thread reads. Reads copy what they return, so
 * no caller ever sees a view change under it.
 */
public final class EventIndex implements EventFilter.SessionLinks {

    private final DashboardEvent[] ring;
    private long sequence;
    private final Map<String, HandshakeTrace> handshakes;
    private final Map<String, SessionRecord> sessions;
    private final Map<String, CertificateRecord> certificates;
    private final Map<String, List<DashboardEvent>> certificateEvents;
    private final Map<String, AgentRun> runs;
    private final Deque<Anomaly> anomalies = new ArrayDeque<>();
    private final int anomalyCapacity;
    private final Map<String, Long> countsByType = new TreeMap<>();
    private final Map<String, Long> countsByTopic = new TreeMap<>();
    private final Map<String, Long> lagByPartition = new TreeMap<>();
    private final RateSeries rates;
    private final Duration expiringWithin;
    private long malformed;

    public EventIndex(Limits limits, List<String> topics) {
        this.ring = new DashboardEvent[limits.events()];
        this.handshakes = new BoundedMap<>(limits.handshakes());
        this.sessions = new BoundedMap<>(limits.sessions());
        this.certificates = new BoundedMap<>(limits.certificates());
        this.certificateEvents = new BoundedMap<>(limits.certificates());
        this.runs = new BoundedMap<>(limits.runs());
        this.anomalyCapacity = limits.anomalies();
        this.rates = new RateSeries(topics);
        this.expiringWithin = limits.expiringWithin();
    }

    /**
     * Capacities of the views.
     *
     * @param events events kept for the list, the stream's history and the export
     * @param expiringWithin a certificate this close to its notAfter is "expiring soon"
     */
    public record Limits(
            int events,
            int handshakes,
            int sessions,
            int certificates,
            int runs,
            int anomalies,
            Duration expiringWithin) {
        public Limits {
            if (events < 1 || handshakes < 1 || sessions < 1 || certificates < 1 || runs < 1) {
                throw new IllegalArgumentException("every capacity must be positive");
            }
        }
    }

    /** Adds a batch in arrival order; numbers each event. */
    public synchronized void appendAll(List<DashboardEvent> batch) {
        long nowSecond = Instant.now().getEpochSecond();
        for (DashboardEvent e : batch) {
            e.sequence(++sequence);
            ring[(int) (sequence % ring.length)] = e;
            countsByType.merge(e.type(), 1L, Long::sum);
            countsByTopic.merge(e.topic(), 1L, Long::sum);
            rates.event(e.topic(), e.time().getEpochSecond(), nowSecond);
            switch (e.topic()) {
                case "tls.handshakes" -> handshake(e, nowSecond);
                case "tls.sessions" -> session(e);
                case "tls.certificates" -> certificate(e);
                case "tls.agents" -> agent(e);
                default -> {}
            }
            e.indexed();
        }
    }

    public synchronized void malformed() {
        malformed++;
    }

    /** The consumer's lag, sampled by the reader: records behind the end, per topic-partition. */
    public synchronized void lag(Map<String, Map<Integer, Long>> byTopic) {
        long nowSecond = Instant.now().getEpochSecond();
        lagByPartition.clear();
        byTopic.forEach(
                (topic, partitions) -> {
                    long sum = 0;
                    for (var p : partitions.entrySet()) {
                        lagByPartition.put(topic + "-" + p.getKey(), p.getValue());
                        sum += p.getValue();
                    }
                    rates.lag(topic, nowSecond, sum);
                });
    }

    private void handshake(DashboardEvent e, long nowSecond) {
        String id = e.handshakeId();
        if (id == null) {
            return;
        }
        HandshakeTrace t = handshakes.computeIfAbsent(id, HandshakeTrace::new);
        t.add(e);
        switch (e.type()) {
            case "tls.handshake.started" -> {
                t.startedAt = e.time();
                t.transport = e.field("transport");
                t.peer = e.field("peer");
            }
            case "tls.handshake.client-hello-received" -> clientHello(e, t);
            case "tls.handshake.server-hello-sent" -> {
                t.version = e.version();
                t.suite = e.suite();
                t.group = e.field("group");
                boolean hrr = e.flag("helloRetryRequest");
                if (t.offeredPsk && !hrr && !e.flag("resumption")) {
                    anomaly(
                            e,
                            "resumption-miss",
                            "the client offered a session to resume; the"
                                    + " server made a full handshake");
                }
            }
            case "tls.handshake.key-exchange-done" -> {
                t.keyExchange = e.field("method");
                if (e.field("group") != null) {
                    t.group = e.field("group");
                }
            }
            case "tls.handshake.certificate-sent" -> {
                t.serverSerial = e.serial();
                CertificateRecord c = certificateOf(e.serial());
                c.handshakes++;
                if (c.subject == null) {
                    c.subject = e.field("subject");
                    c.issuer = e.field("issuer");
                    c.notBefore = instant(e, "notBefore");
                    c.notAfter = instant(e, "notAfter");
                }
            }
            case "tls.handshake.certificate-verified" -> {
                if (!e.flag("valid")) {
                    anomaly(e, "certificate-invalid", e.field("problem"));
                }
            }
            case "tls.handshake.completed" -> {
                t.result = "ok";
                t.durationMicros = e.number("elapsedMicros", 0);
                t.sessionId = e.sessionId();
                t.version = e.version();
                t.suite = e.suite();
                t.resumed = e.flag("resumed");
                rates.handshakeCompleted(e.time().getEpochSecond(), nowSecond, t.durationMicros);
                if (t.sessionId != null) {
                    SessionRecord s = sessions.computeIfAbsent(t.sessionId, SessionRecord::new);
                    s.handshakeId = id;
                    if (s.version == null) {
                        s.version = t.version;
                        s.suite = t.suite;
                        s.createdAt = e.time();
                    }
                    linkCertificate(s, t.serverSerial);
                }
            }
            case "tls.handshake.failed" -> {
                t.result = "failed";
                t.alert = e.alert();
                t.durationMicros = e.number("elapsedMicros", 0);
                rates.handshakeFailed(e.time().getEpochSecond(), nowSecond, e.alert());
                boolean downgrade =
                        "protocol_version".equals(e.alert())
                                || "inappropriate_fallback".equals(e.alert());
                anomaly(
                        e,
                        downgrade ? "downgrade-attempt" : "handshake-failed",
                        (e.alert() == null ? "" : e.alert() + ": ") + e.field("reason"));
            }
            default -> {}
        }
    }

    private void clientHello(DashboardEvent e, HandshakeTrace t) {
        t.offeredPsk = contains(e.data().get("extensions"), "pre_shared_key");
        JsonNode versions = e.data().get("supportedVersions");
        String legacy = e.field("legacyVersion");
        boolean offersModern =
                (versions != null && versions.size() > 0)
                        || "TLS 1.2".equals(legacy)
                        || "TLS 1.3".equals(legacy);
        // RFC 7507: a client that retries with a lower version after a failure says so with
        // TLS_FALLBACK_SCSV; a ClientHello offering only SSL 3.0 - TLS 1.1 is a downgrade too.
        if (contains(e.data().get("cipherSuites"), "TLS_FALLBACK_SCSV")) {
            anomaly(e, "downgrade-attempt", "ClientHello carries TLS_FALLBACK_SCSV");
        } else if (!offersModern) {
            anomaly(e, "downgrade-attempt", "ClientHello offers only " + legacy);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        if (array == null) {
            return false;
        }
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private void session(DashboardEvent e) {
        String id = e.sessionId();
        if (id == null || "-".equals(id)) {
            if ("tls.session.keys-access-denied".equals(e.type())) {
                anomaly(e, "keys-access-denied", e.field("action") + ": " + e.field("reason"));
            }
            return;
        }
        SessionRecord s = sessions.computeIfAbsent(id, SessionRecord::new);
        s.add(e);
        switch (e.type()) {
            case "tls.session.created" -> {
                s.handshakeId = e.field("handshakeId");
                s.client = e.field("client");
                s.server = e.field("server");
                s.version = e.version();
                s.suite = e.suite();
                s.serverSerial = e.field("serverCertificateSerial");
                s.clientSerial = e.field("clientCertificateSerial");
                s.createdAt = instant(e, "createdAt");
                s.expiresAt = instant(e, "expiresAt");
                HandshakeTrace t = s.handshakeId == null ? null : handshakes.get(s.handshakeId);
                if (t != null && t.sessionId == null) {
                    t.sessionId = id;
                }
                linkCertificate(s, s.serverSerial);
            }
            case "tls.session.resumed" -> {
                s.resumedFrom = e.field("resumedFrom");
                if (s.handshakeId == null) {
                    s.handshakeId = e.handshakeId();
                }
                SessionRecord from = s.resumedFrom == null ? null : sessions.get(s.resumedFrom);
                if (from != null && from.resumedInto.size() < SessionRecord.MAX_EVENTS) {
                    from.resumedInto.add(id);
                    from.add(e);
                }
            }
            case "tls.session.closed" -> s.end("closed", e.time(), e.field("closedBy"));
            case "tls.session.expired" -> s.end("expired", e.time(), "expired");
            case "tls.session.terminated" -> {
                s.end("terminated", e.time(), e.field("reason"));
                anomaly(e, "session-terminated", e.field("reason"));
            }
            case "tls.session.keys-destroyed" -> {
                s.keysDestroyed = true;
                s.keysDestroyedAt = e.time();
                s.bytesZeroised = e.number("bytesZeroised", 0);
                String cause = e.field("cause");
                if ("closed".equals(cause)
                        || "expired".equals(cause)
                        || "terminated".equals(cause)) {
                    s.end(cause, e.time(), cause);
                }
            }
            case "tls.session.keys-access-denied" ->
                    anomaly(e, "keys-access-denied", e.field("action") + ": " + e.field("reason"));
            default -> {}
        }
    }

    /** Counts a session once for the certificate the server presented in its handshake. */
    private void linkCertificate(SessionRecord s, String serial) {
        if (serial == null || s.certificateLinked) {
            return;
        }
        certificateOf(serial).usedBy(s.id);
        s.serverSerial = serial;
        s.certificateLinked = true;
    }

    private CertificateRecord certificateOf(String serial) {
        return certificates.computeIfAbsent(serial.toLowerCase(), CertificateRecord::new);
    }

    private void certificate(DashboardEvent e) {
        String serial = e.serial();
        if (serial == null) {
            if ("tls.certificate.validation-performed".equals(e.type()) && !e.flag("valid")) {
                anomaly(e, "certificate-invalid", String.valueOf(e.data().get("problems")));
            }
            return;
        }
        CertificateRecord c = certificateOf(serial);
        List<DashboardEvent> history =
                certificateEvents.computeIfAbsent(c.serial, k -> new ArrayList<>());
        if (history.size() < 16) {
            history.add(e);
        }
        switch (e.type()) {
            case "tls.certificate.issued" -> {
                c.subject = e.field("subject");
                c.issuer = e.field("issuer");
                c.profile = e.field("profile");
                c.keyAlgorithm = e.field("keyAlgorithm");
                List<String> sans = new ArrayList<>();
                JsonNode n = e.data().get("subjectAlternativeNames");
                if (n != null) {
                    n.forEach(x -> sans.add(x.asText()));
                }
                c.subjectAlternativeNames = List.copyOf(sans);
                c.notBefore = instant(e, "notBefore");
                c.notAfter = instant(e, "notAfter");
                c.issuedAt = e.time();
            }
            case "tls.certificate.revoked" -> {
                c.state = "revoked";
                c.revokedAt = instant(e, "revokedAt");
                c.revocationReason = e.field("reason");
                anomaly(e, "certificate-revoked", c.subject + ": " + e.field("reason"));
            }
            case "tls.certificate.expired" -> {
                if (!"revoked".equals(c.state)) {
                    c.state = "expired";
                }
                anomaly(e, "certificate-expired", e.field("subject"));
            }
            case "tls.certificate.validation-performed" -> {
                if (!e.flag("valid")) {
                    anomaly(e, "certificate-invalid", String.valueOf(e.data().get("problems")));
                }
            }
            default -> {}
        }
    }

    private void agent(DashboardEvent e) {
        String id = e.field("runId");
        if (id == null) {
            return;
        }
        AgentRun r = runs.computeIfAbsent(id, AgentRun::new);
        r.updatedAt = e.time();
        if (r.startedAt == null) {
            r.startedAt = e.time();
        }
        switch (e.type()) {
            case "tls.agent.run-started" -> {
                r.startedAt = e.time();
                r.scenario = e.field("scenario");
                r.target = e.field("target");
                r.total = (int) e.number("handshakes", 0);
                r.concurrency = (int) e.number("concurrency", 0);
            }
            case "tls.agent.run-progressed" -> progress(r, e);
            case "tls.agent.run-completed" -> {
                progress(r, e);
                r.scenario = e.field("scenario");
                r.outcome = e.field("outcome");
                r.durationMillis = e.number("durationMillis", 0);
            }
            case "tls.agent.certificate-validated" -> {
                if (!e.flag("valid")) {
                    JsonNode problems = e.data().get("problems");
                    if (problems == null || problems.isEmpty()) {
                        r.failuresByCause.merge("certificate rejected", 1L, Long::sum);
                    } else {
                        problems.forEach(p -> r.failuresByCause.merge(p.asText(), 1L, Long::sum));
                    }
                }
            }
            case "tls.agent.message-exchanged" -> {
                r.messages++;
                SessionRecord s = e.sessionId() == null ? null : sessions.get(e.sessionId());
                if (s != null) {
                    s.add(e);
                    long bytes = e.number("payloadLength", 0);
                    if ("sent".equals(e.field("direction"))) {
                        s.messagesSent++;
                        s.bytesSent += bytes;
                    } else {
                        s.messagesReceived++;
                        s.bytesReceived += bytes;
                    }
                }
            }
            default -> {}
        }
    }

    private static void progress(AgentRun r, DashboardEvent e) {
        r.completed = (int) e.number("completed", r.completed);
        r.failed = (int) e.number("failed", r.failed);
        r.total = (int) e.number("total", r.total);
        r.p50Micros = e.number("p50Micros", r.p50Micros);
        r.p95Micros = e.number("p95Micros", r.p95Micros);
        r.p99Micros = e.number("p99Micros", r.p99Micros);
    }

    private void anomaly(DashboardEvent e, String kind, String detail) {
        if (anomalies.size() == anomalyCapacity) {
            anomalies.removeFirst();
        }
        anomalies.addLast(
                new Anomaly(
                        e.sequence(),
                        e.time(),
                        kind,
                        detail,
                        e.handshakeId(),
                        e.sessionId(),
                        e.serial(),
                        e.alert()));
    }

    private static Instant instant(DashboardEvent e, String field) {
        String t = e.field(field);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    // ---- reads ----

    /** A page of events, oldest first. */
    public record Page(List<DashboardEvent> events, boolean more) {}

    /**
     * Up to {@code limit} events that match: with {@code after}, the first ones after that
     * sequence; otherwise the newest ones before {@code before} (or before the end).
     */
    public synchronized Page events(EventFilter filter, int limit, Long before, Long after) {
        Predicate<DashboardEvent> p = filter.predicate(this);
        long oldest = Math.max(1, sequence - ring.length + 1);
        List<DashboardEvent> out = new ArrayList<>();
        if (after != null) {
            long s = Math.max(oldest, after + 1);
            for (; s <= sequence && out.size() < limit; s++) {
                DashboardEvent e = ring[(int) (s % ring.length)];
                if (p.test(e)) {
                    out.add(e);
                }
            }
            boolean more = false;
            for (; s <= sequence && !more; s++) {
                more = p.test(ring[(int) (s % ring.length)]);
            }
            return new Page(out, more);
        }
        long s = before == null ? sequence : Math.min(sequence, before - 1);
        for (; s >= oldest && out.size() < limit; s--) {
            DashboardEvent e = ring[(int) (s % ring.length)];
            if (p.test(e)) {
                out.add(e);
            }
        }
        boolean more = false;
        for (; s >= oldest && !more; s--) {
            more = p.test(ring[(int) (s % ring.length)]);
        }
        Collections.reverse(out);
        return new Page(out, more);
    }

    public synchronized List<HandshakeSummary> handshakes(
            int limit, String result, String version, String serial) {
        List<HandshakeSummary> out = new ArrayList<>();
        List<HandshakeTrace> all = new ArrayList<>(handshakes.values());
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            HandshakeTrace t = all.get(i);
            if ((result == null || result.equals(t.result))
                    && (version == null || version.equals(t.version))
                    && (serial == null
                            || serial.equalsIgnoreCase(String.valueOf(t.serverSerial)))) {
                out.add(t.summary());
            }
        }
        return out;
    }

    /** The ladder of a handshake, with the rest of its session's life. */
    public synchronized Optional<Ladder> ladder(String handshakeId) {
        HandshakeTrace t = handshakes.get(handshakeId);
        if (t == null) {
            return Optional.empty();
        }
        SessionRecord s = t.sessionId == null ? null : sessions.get(t.sessionId);
        String found = t.serverSerial != null ? t.serverSerial : s == null ? null : s.serverSerial;
        String serial = found == null ? null : found.toLowerCase();
        List<DashboardEvent> certEvents =
                serial == null ? List.of() : certificateEvents.getOrDefault(serial, List.of());
        return Optional.of(
                LadderDrawing.draw(
                        t, s, serial == null ? null : certificates.get(serial), certEvents));
    }

    public synchronized List<SessionView> sessions(int limit, String state, String serial) {
        List<SessionView> out = new ArrayList<>();
        List<SessionRecord> all = new ArrayList<>(sessions.values());
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            SessionRecord s = all.get(i);
            if ((state == null || state.equals(s.state))
                    && (serial == null
                            || serial.equalsIgnoreCase(String.valueOf(s.serverSerial)))) {
                out.add(s.view());
            }
        }
        return out;
    }

    public synchronized Optional<SessionView> session(String id) {
        return Optional.ofNullable(sessions.get(id)).map(SessionRecord::view);
    }

    public synchronized Map<String, Long> sessionStates() {
        Map<String, Long> out = new TreeMap<>();
        for (String s : List.of("live", "closed", "expired", "terminated")) {
            out.put(s, 0L);
        }
        sessions.values().forEach(s -> out.merge(s.state, 1L, Long::sum));
        return out;
    }

    public synchronized List<CertificateView> certificates(String state, Instant now) {
        List<CertificateView> out = new ArrayList<>();
        List<CertificateRecord> all = new ArrayList<>(certificates.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            CertificateView v = all.get(i).view(now, expiringWithin);
            if (state == null || state.equals(v.state())) {
                out.add(v);
            }
        }
        return out;
    }

    public synchronized Optional<CertificateView> certificate(String serial, Instant now) {
        return Optional.ofNullable(certificates.get(serial.toLowerCase()))
                .map(c -> c.view(now, expiringWithin));
    }

    public synchronized List<AgentRunView> runs(int limit) {
        List<AgentRunView> out = new ArrayList<>();
        List<AgentRun> all = new ArrayList<>(runs.values());
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i).view());
        }
        return out;
    }

    /** Anomalies, newest first, optionally of one kind. */
    public synchronized List<Anomaly> anomalies(int limit, String kind) {
        List<Anomaly> out = new ArrayList<>();
        var it = anomalies.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Anomaly a = it.next();
            if (kind == null || kind.equals(a.kind())) {
                out.add(a);
            }
        }
        return out;
    }

    public synchronized Map<String, Long> anomalyCounts() {
        Map<String, Long> out = new TreeMap<>();
        anomalies.forEach(a -> out.merge(a.kind(), 1L, Long::sum));
        return out;
    }

    public synchronized Rates rates(int windowSeconds, Instant now) {
        return rates.read(windowSeconds, now.getEpochSecond());
    }

    public synchronized long total() {
        return sequence;
    }

    public synchronized long malformedCount() {
        return malformed;
    }

    public synchronized Map<String, Long> countsByType() {
        return new TreeMap<>(countsByType);
    }

    public synchronized Map<String, Long> countsByTopic() {
        return new TreeMap<>(countsByTopic);
    }

    public synchronized Map<String, Long> lagByPartition() {
        return new TreeMap<>(lagByPartition);
    }

    /** Sizes of the bounded views, for the stats and the tests of the bounds. */
    public synchronized Map<String, Integer> sizes() {
        Map<String, Integer> out = new HashMap<>();
        out.put("events", (int) Math.min(sequence, ring.length));
        out.put("handshakes", handshakes.size());
        out.put("sessions", sessions.size());
        out.put("certificates", certificates.size());
        out.put("runs", runs.size());
        out.put("anomalies", anomalies.size());
        return out;
    }

    @Override
    public synchronized String handshakeOfSession(String sessionId) {
        SessionRecord s = sessions.get(sessionId);
        return s == null ? null : s.handshakeId;
    }

    @Override
    public synchronized String sessionOfHandshake(String handshakeId) {
        HandshakeTrace t = handshakes.get(handshakeId);
        return t == null ? null : t.sessionId;
    }
}
