package io.tlsuite.service.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal that leaves the service as a {@link Problem}. Its message is the problem's {@code
 * detail}: safe to show to the caller. No stack trace is taken: a refusal is an expected outcome,
 * not a fault.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType kind;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(ProblemType kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public ProblemException(ProblemType kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
    }

    /** Adds an extension member (ignored when {@code value} is null). */
    public ProblemException with(String name, Object value) {
        if (value != null) {
            extensions.put(name, value);
        }
        return this;
    }

    public ProblemType kind() {
        return kind;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem toProblem() {
        return Problem.of(kind, getMessage(), extensions);
    }
}
