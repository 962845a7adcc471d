package io.tlsuite.dashboard.api;

import io.tlsuite.service.problem.CommonProblems;
import io.tlsuite.service.problem.ProblemException;

/** An id the dashboard has not seen (or no longer keeps); becomes a 404 problem. */
class NotFoundProblem extends ProblemException {
    NotFoundProblem(String message) {
        super(CommonProblems.NOT_FOUND, message);
    }
}
