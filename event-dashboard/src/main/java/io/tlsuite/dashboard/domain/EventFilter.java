package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * The filters every event view shares (the REST list, the live stream, the export). A null
 * criterion matches everything. {@code type} matches a prefix ({@code tls.session.} is every
 * session event); the others match exactly.
 *
 * @param handshake a handshake id: its events, and the session events of the session it made
 * @param session a session id: its events, and the handshake events of the handshake that made it
 */
public record EventFilter(
        String topic,
        String type,
        String subject,
        String handshake,
        String session,
        String serial,
        String version,
        String suite,
        String alert,
        String result,
        Instant from,
        Instant to) {

    public static final EventFilter ALL =
            new EventFilter(null, null, null, null, null, null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(ALL);
    }

    /**
     * The predicate for this filter; {@code links} resolves a session to its handshake and back, so
     * that following one also shows the other.
     */
    public Predicate<DashboardEvent> predicate(SessionLinks links) {
        // The link between a session and its handshake may only become known later (a live
        // stream opened before the handshake completes), so it is looked up until it is found.
        String[] sessionHandshake = {null};
        String[] handshakeSession = {null};
        return e -> {
            if (session != null && sessionHandshake[0] == null) {
                sessionHandshake[0] = links.handshakeOfSession(session);
            }
            if (handshake != null && handshakeSession[0] == null) {
                handshakeSession[0] = links.sessionOfHandshake(handshake);
            }
            return (topic == null || topic.equals(e.topic()))
                    && (type == null || e.type().startsWith(type))
                    && (subject == null || subject.equals(e.subject()))
                    && (handshake == null
                            || handshake.equals(e.handshakeId())
                            || (handshakeSession[0] != null
                                    && handshakeSession[0].equals(e.sessionId())))
                    && (session == null
                            || session.equals(e.sessionId())
                            || session.equals(e.subject())
                            || (sessionHandshake[0] != null
                                    && sessionHandshake[0].equals(e.handshakeId())))
                    && (serial == null || serial.equalsIgnoreCase(nullToEmpty(e.serial())))
                    && (version == null || version.equals(e.version()))
                    && (suite == null || suite.equals(e.suite()))
                    && (alert == null || alert.equals(e.alert()))
                    && (result == null || result.equals(e.result()))
                    && (from == null || !e.time().isBefore(from))
                    && (to == null || e.time().isBefore(to));
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** How a filter finds the handshake of a session and the session of a handshake. */
    public interface SessionLinks {
        String handshakeOfSession(String sessionId);

        String sessionOfHandshake(String handshakeId);
    }
}
