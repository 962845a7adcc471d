package io.tlsuite.dashboard.api;

/** A query parameter out of range; becomes a 400 problem. */
class BadQueryException extends RuntimeException {
    BadQueryException(String message) {
        super(message, null, false, false);
    }
}
