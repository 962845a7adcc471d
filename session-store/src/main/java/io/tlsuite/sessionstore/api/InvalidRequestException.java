package io.tlsuite.sessionstore.api;

import io.tlsuite.service.problem.CommonProblems;
import io.tlsuite.service.problem.FieldError;
import io.tlsuite.service.problem.ProblemException;
import java.util.List;

/** A request whose fields break the API's rules; answered with 400 and every field error. */
class InvalidRequestException extends ProblemException {

    private final List<FieldError> errors;

    InvalidRequestException(List<FieldError> errors) {
        super(CommonProblems.INVALID_REQUEST, errors.size() + " field(s) are invalid");
        this.errors = List.copyOf(errors);
        with("errors", this.errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
