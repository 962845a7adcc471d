package io.tlsuite.ca.domain;

/** A refusal with a stable {@link ProblemType}; its message is safe to show to the caller. */
public class CaProblem extends RuntimeException {

    private final ProblemType type;

    public CaProblem(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public CaProblem(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
