package io.tlsuite.sessionstore.domain;

/**
 * Why the registry refused a request. The slug is stable: the REST layer turns it into the problem
 * type {@code https://tlsuite.dev/problems/<slug>}.
 */
public enum Rejection {
    SESSION_NOT_FOUND("session-not-found", "Session not found"),
    SESSION_EXISTS("session-exists", "Session already registered"),
    SESSION_ENDED("session-ended", "Session has ended; its keys are destroyed"),
    CERTIFICATE_REVOKED("certificate-revoked", "Certificate revoked"),
    TICKET_NOT_FOUND("ticket-not-found", "Ticket not found"),
    TICKET_EXISTS("ticket-exists", "Ticket already stored"),
    TICKET_ALREADY_USED("ticket-already-used", "Ticket already used"),
    TICKET_EXPIRED("ticket-expired", "Ticket expired"),
    TICKET_WITHDRAWN("ticket-withdrawn", "Ticket withdrawn"),
    INVALID_REQUEST("invalid-request", "Invalid request");

    private final String slug;
    private final String title;

    Rejection(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
