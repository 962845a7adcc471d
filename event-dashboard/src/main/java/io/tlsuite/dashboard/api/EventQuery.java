package io.tlsuite.dashboard.api;

import io.tlsuite.dashboard.domain.EventFilter;
import io.tlsuite.events.Topics;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters shared by the event list, the live stream and the export. */
public class EventQuery {

    @QueryParam("topic")
    @Parameter(
            description =
                    "only this topic: tls.certificates, tls.handshakes, tls.sessions, tls.agents")
    public String topic;

    @QueryParam("type")
    @Parameter(
            description =
                    "only types starting with this, e.g. tls.session. or tls.handshake.failed")
    public String type;

    @QueryParam("subject")
    @Parameter(description = "only this aggregate id (serial, handshake, session or run id)")
    public String subject;

    @QueryParam("handshake")
    @Parameter(description = "a handshake id: its steps and the events of the session it made")
    public String handshake;

    @QueryParam("session")
    @Parameter(description = "a session id: its events and the steps of the handshake that made it")
    public String session;

    @QueryParam("serial")
    @Parameter(
            description =
                    "a certificate serial (hex): its events and the handshakes and sessions that name it")
    public String serial;

    @QueryParam("version")
    @Parameter(description = "a TLS version as the events name it, e.g. TLS 1.3")
    public String version;

    @QueryParam("suite")
    @Parameter(description = "a cipher suite, e.g. TLS_AES_128_GCM_SHA256")
    public String suite;

    @QueryParam("alert")
    @Parameter(description = "a TLS alert, e.g. decrypt_error")
    public String alert;

    @QueryParam("result")
    @Parameter(description = "ok, failed, denied, passed: the outcome an event reports")
    public String result;

    @QueryParam("from")
    @Parameter(
            description = "events at or after this instant (ISO-8601, e.g. 2026-12-01T10:00:00Z)")
    public String from;

    @QueryParam("to")
    @Parameter(description = "events before this instant (ISO-8601)")
    public String to;

    EventFilter toFilter() {
        if (topic != null && !topic.isBlank() && !Topics.ALL.contains(topic)) {
            throw new BadQueryException("topic must be one of " + Topics.ALL + ", was " + topic);
        }
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw new BadQueryException("from must be before to");
        }
        return new EventFilter(
                blankToNull(topic),
                blankToNull(type),
                blankToNull(subject),
                blankToNull(handshake),
                blankToNull(session),
                blankToNull(serial),
                blankToNull(version),
                blankToNull(suite),
                blankToNull(alert),
                blankToNull(result),
                f,
                t);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryException(
                    name
                            + " must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, was "
                            + value);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
