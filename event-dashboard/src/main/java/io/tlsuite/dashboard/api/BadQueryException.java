package io.tlsuite.dashboard.api;

import io.tlsuite.service.problem.CommonProblems;
import io.tlsuite.service.problem.ProblemException;

/** A query parameter out of range; becomes a 400 {@code invalid-request} problem. */
class BadQueryException extends ProblemException {
    BadQueryException(String message) {
        super(CommonProblems.INVALID_REQUEST, message);
    }
}
