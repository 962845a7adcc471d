package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the dashboard knows of one session, from its handshake to the destruction of its keys. */
final class SessionRecord {

    static final int MAX_EVENTS = 64;

    final String id;
    String handshakeId;
    String client;
    String server;
    String version;
    String suite;
    String serverSerial;
    String clientSerial;
    Instant createdAt;
    Instant expiresAt;
    String state = "live";
    Instant endedAt;
    String endReason;
    boolean keysDestroyed;
    boolean certificateLinked;
    Instant keysDestroyedAt;
    long bytesZeroised;
    String resumedFrom;
    final List<String> resumedInto = new ArrayList<>();
    long messagesSent;
    long messagesReceived;
    long bytesSent;
    long bytesReceived;
    final List<DashboardEvent> events = new ArrayList<>();

    SessionRecord(String id) {
        this.id = id;
    }

    void add(DashboardEvent e) {
        if (events.size() < MAX_EVENTS) {
            events.add(e);
        }
    }

    /** A session ends once; a later end event (keys destroyed after close) does not change why. */
    void end(String newState, Instant at, String reason) {
        if ("live".equals(state)) {
            state = newState;
            endedAt = at;
            endReason = reason;
        }
    }

    SessionView view() {
        return new SessionView(
                id,
                handshakeId,
                state,
                keysDestroyed,
                client,
                server,
                version,
                suite,
                serverSerial,
                clientSerial,
                createdAt,
                expiresAt,
                endedAt,
                endReason,
                keysDestroyedAt,
                bytesZeroised,
                resumedFrom,
                List.copyOf(resumedInto),
                messagesSent,
                messagesReceived,
                bytesSent,
                bytesReceived);
    }
}
