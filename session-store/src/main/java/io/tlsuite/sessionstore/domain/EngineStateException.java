package io.tlsuite.sessionstore.domain;

/**
 * A refused engine-state request. The message names the id only, never state bytes; {@code current}
 * is the state as it is now, when there is one (the REST layer reports its version and end reason).
 */
public class EngineStateException extends RuntimeException {

    /** Why; the REST layer maps each to a status and a stable problem type. */
    public enum Reason {
        NOT_FOUND("engine-state-not-found", "Engine state not found", 404),
        EXISTS("engine-state-exists", "Engine state already exists", 412),
        VERSION_MISMATCH("version-mismatch", "Engine state changed meanwhile", 412),
        ENDED("engine-state-ended", "Engine state ended", 410),
        EXPIRED("engine-state-expired", "Engine state expired", 410),
        TOO_LARGE("engine-state-too-large", "Engine state too large", 413),
        INVALID("invalid-request", "Invalid request", 400);

        public final String slug;
        public final String title;
        public final int status;

        Reason(String slug, String title, int status) {
            this.slug = slug;
            this.title = title;
            this.status = status;
        }
    }

    private final Reason reason;
    private final transient EngineState current;

    public EngineStateException(Reason reason, String detail, EngineState current) {
        super(detail, null, false, false);
        this.reason = reason;
        this.current = current;
    }

    public Reason reason() {
        return reason;
    }

    public EngineState current() {
        return current;
    }
}
