package io.tlsuite.sessionstore.domain;

/** The backend cannot be reached or did not answer in time; the request may be retried. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
