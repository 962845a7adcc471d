package io.tlsuite.ca.api;

import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.domain.ValidationResult;
import io.tlsuite.ca.service.ValidationService;
import io.tlsuite.service.problem.CommonProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Chain validation on request: path, signatures, dates, usages, name and revocation. */
@Path("/api/v1/validations")
public class ValidationResource {

    private final ValidationService validations;

    ValidationResource(ValidationService validations) {
        this.validations = validations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ValidationResponse validate(ValidationRequest request) {
        if (request == null) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST, "a JSON body with chain is required");
        }
        ValidationResult result =
                validations.validate(
                        request.chain(), request.hostname(), request.at(), request.purpose());
        return new ValidationResponse(result.valid(), result.leafSerial(), result.problems());
    }
}
