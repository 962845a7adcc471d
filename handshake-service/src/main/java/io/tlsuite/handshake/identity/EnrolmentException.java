package io.tlsuite.handshake.identity;

/**
 * Enrolment did not work this time.
 *
 * @see #problemType() the CA's RFC 9457 problem type when it refused, or null when unreachable
 */
public class EnrolmentException extends Exception {
    private final int status;
    private final String problemType;

    public EnrolmentException(String message, int status, String problemType, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problemType = problemType;
    }

    public EnrolmentException(String message) {
        this(message, 0, null, null);
    }

    /** The HTTP status of the CA's answer, 0 when there was none. */
    public int status() {
        return status;
    }

    public String problemType() {
        return problemType;
    }

    /** True when the CA refused the names of the request (issuance policy). */
    public boolean nameRefused() {
        return problemType != null
                && (problemType.endsWith("/name-not-allowed")
                        || problemType.endsWith("/unsupported-name"));
    }
}
