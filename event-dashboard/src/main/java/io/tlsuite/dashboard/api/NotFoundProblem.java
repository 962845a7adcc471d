package io.tlsuite.dashboard.api;

/** An id the dashboard has not seen (or no longer keeps); becomes a 404 problem. */
class NotFoundProblem extends RuntimeException {
    NotFoundProblem(String message) {
        super(message, null, false, false);
    }
}
