package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the dashboard knows of one handshake: its summary and its events, in order. */
final class HandshakeTrace {

    static final int MAX_EVENTS = 64;

    final String id;
    Instant startedAt;
    String transport;
    String peer;
    String version;
    String suite;
    String group;
    String keyExchange;
    String serverSerial;
    String sessionId;
    String result = "in-progress";
    String alert;
    long durationMicros = -1;
    boolean resumed;
    boolean offeredPsk;
    final List<DashboardEvent> events = new ArrayList<>();

    HandshakeTrace(String id) {
        this.id = id;
    }

    void add(DashboardEvent e) {
        if (startedAt == null) {
            startedAt = e.time();
        }
        if (events.size() < MAX_EVENTS) {
            events.add(e);
        }
    }

    HandshakeSummary summary() {
        return new HandshakeSummary(
                id,
                startedAt,
                transport,
                peer,
                version,
                suite,
                group,
                keyExchange,
                serverSerial,
                sessionId,
                result,
                alert,
                durationMicros < 0 ? null : durationMicros,
                resumed,
                events.size());
    }
}
