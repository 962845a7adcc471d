package io.tlsuite.service.problem;

/**
 * The problem types every service answers with, one slug per kind of error across the suite
 * (documented in {@code docs/errors.md}).
 */
public enum CommonProblems implements ProblemCatalogue {
    /**
     * The body is not the JSON document the endpoint reads (syntax, types, an array for an object).
     */
    MALFORMED_BODY("malformed-body", 400, "Malformed body"),
    /** The body or the parameters parse, but a value is out of bounds or missing. */
    INVALID_REQUEST("invalid-request", 400, "Invalid request"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    BODY_TOO_LARGE("body-too-large", 413, "Body too large"),
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable");

    private final ProblemType definition;

    CommonProblems(String slug, int status, String title) {
        this.definition = ProblemType.of(slug, status, title);
    }

    @Override
    public ProblemType definition() {
        return definition;
    }

    /** The common type for an HTTP status the framework produced by itself, if there is one. */
    public static ProblemType forStatus(int status) {
        for (CommonProblems p : values()) {
            if (p.status() == status && p != INVALID_REQUEST && p != CONFLICT) {
                return p;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
