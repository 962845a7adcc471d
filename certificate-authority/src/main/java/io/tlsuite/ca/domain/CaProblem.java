package io.tlsuite.ca.domain;

import io.tlsuite.service.problem.ProblemException;
import io.tlsuite.service.problem.ProblemType;

/** A refusal of the CA; its message is safe to show to the caller. */
public class CaProblem extends ProblemException {

    public CaProblem(ProblemType type, String detail) {
        super(type, detail);
    }

    public CaProblem(ProblemType type, String detail, Throwable cause) {
        super(type, detail, cause);
    }
}
