package io.tlsuite.sessionstore.api;

import java.util.List;

/** A request whose fields break the API's rules; answered with 400 and every field error. */
class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    InvalidRequestException(List<Problem.FieldError> errors) {
        super("invalid request", null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
