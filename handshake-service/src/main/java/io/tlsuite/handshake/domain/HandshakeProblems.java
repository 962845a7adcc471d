package io.tlsuite.handshake.domain;

import io.tlsuite.service.problem.ProblemCatalogue;
import io.tlsuite.service.problem.ProblemType;

/**
 * The refusals only the handshake service answers with (the shared ones are {@link
 * io.tlsuite.service.problem.CommonProblems}); slugs are stable and listed in docs/errors.md.
 */
public enum HandshakeProblems implements ProblemCatalogue {
    TOO_MANY_HANDSHAKES("too-many-handshakes", 503, "Too many handshakes in progress"),
    TOO_MANY_HANDSHAKES_FROM_CLIENT(
            "too-many-handshakes-from-client", 429, "Too many handshakes in progress from you"),
    REPLAYED_FLIGHT("replayed-flight", 409, "Flight already received"),
    HANDSHAKE_FAILED("handshake-failed", 422, "Handshake failed"),
    TOO_MANY_SESSIONS("too-many-sessions", 503, "Too many open sessions"),
    INCOMPLETE_FLIGHT("incomplete-flight", 400, "Incomplete flight"),
    SESSION_FAILED("session-failed", 422, "Session failed"),
    STATE_UNREADABLE("state-unreadable", 500, "Stored state unreadable"),
    HANDSHAKE_ENDED("handshake-ended", 409, "Handshake already ended"),
    SESSION_CLOSED("session-closed", 410, "Session closed"),
    FLIGHT_IN_PROGRESS("flight-in-progress", 409, "Another flight is being processed"),
    RECORDS_IN_PROGRESS("records-in-progress", 409, "Other records are being processed"),
    STATE_STORE_UNAVAILABLE("state-store-unavailable", 503, "Session store unavailable"),
    HELD_BY_ANOTHER_REPLICA("held-by-another-replica", 421, "Served by another replica"),
    NOT_ENROLLED("not-enrolled", 503, "Server certificate not yet issued"),
    EMPTY_FLIGHT("empty-flight", 400, "Empty flight"),
    FLIGHT_TOO_LARGE("flight-too-large", 413, "Flight too large"),
    TRUNCATED_RECORDS("truncated-records", 400, "Truncated TLS records"),
    MISSING_RECORDS("missing-records", 400, "Records required"),
    INVALID_BASE64("invalid-base64", 400, "Records are not base64"),
    INVALID_CLIENT_AUTH("invalid-client-auth", 400, "Unknown client authentication mode"),
    CLIENT_SECRET_REQUIRED(
            "client-secret-required", 401, "The client secret of this handshake is required"),
    CLIENT_SECRET_MISMATCH(
            "client-secret-mismatch", 403, "Not the client that started this handshake"),
    UNKNOWN_HANDSHAKE("unknown-handshake", 404, "Unknown handshake"),
    UNKNOWN_SESSION("unknown-session", 404, "Unknown session");

    private final ProblemType definition;

    HandshakeProblems(String slug, int status, String title) {
        this.definition = ProblemType.of(slug, status, title);
    }

    @Override
    public ProblemType definition() {
        return definition;
    }
}
