package io.tlsuite.sessionstore.api;

import io.tlsuite.service.problem.FieldError;
import io.tlsuite.service.problem.Problem;
import io.tlsuite.service.problem.ProblemException;
import io.tlsuite.service.problem.ProblemType;
import io.tlsuite.sessionstore.SessionStoreConfig;
import io.tlsuite.sessionstore.api.Dtos.OperationResult;
import io.tlsuite.sessionstore.api.Dtos.SessionBatch;
import io.tlsuite.sessionstore.api.Dtos.SessionBatchResult;
import io.tlsuite.sessionstore.api.Dtos.SessionOperation;
import io.tlsuite.sessionstore.domain.BackendUnavailableException;
import io.tlsuite.sessionstore.domain.RegistryException;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Registrations and closes in one request, applied in order, each exactly as its single call
 * ({@code POST /api/v1/sessions}, {@code DELETE /api/v1/sessions/{id}}) would apply it, with the
 * same checks, events and outcome. The handshake service sends its sessions this way under load:
 * one HTTP exchange for many sessions instead of two per session. One operation failing does not
 * stop the others; each has its own result.
 */
@Path("/api/v1/session-batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionBatchResource {

    @Inject SessionRegistry registry;
    @Inject SessionStoreConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ServiceOnly("session-batch")
    @SecurityRequirement(name = "serviceToken")
    @Operation(
            summary =
                    "Register and close sessions in one request, in order; one result per"
                            + " operation (service token)")
    public SessionBatchResult apply(SessionBatch body) {
        Checks.requireBody(body);
        int max = config.batch().maxOperations();
        if (body.operations() == null || body.operations().isEmpty()) {
            throw invalid("operations", "at least one operation is required");
        }
        if (body.operations().size() > max) {
            throw invalid("operations", "at most " + max + " operations per batch");
        }
        List<OperationResult> results = new ArrayList<>(body.operations().size());
        int succeeded = 0;
        for (int i = 0; i < body.operations().size(); i++) {
            OperationResult r = apply(i, body.operations().get(i));
            if (r.problem() == null) {
                succeeded++;
            }
            results.add(r);
        }
        return new SessionBatchResult(succeeded, results.size() - succeeded, results);
    }

    private OperationResult apply(int index, SessionOperation op) {
        if (op == null || (op.register() == null) == (op.close() == null)) {
            return failed(
                    index,
                    null,
                    null,
                    invalid("operations[" + index + "]", "exactly one of register and close")
                            .toProblem());
        }
        if (op.register() != null) {
            String id = op.register().id();
            try {
                return new OperationResult(
                        index,
                        "register",
                        SessionResource.register(registry, op.register()).id(),
                        201,
                        null,
                        null);
            } catch (RuntimeException e) {
                return failed(index, "register", id, problemOf(e));
            }
        }
        String id = op.close().id();
        try {
            Checks c = new Checks();
            c.id("close.id", id, true);
            c.throwIfAny();
            var ending =
                    SessionResource.close(registry, id, op.close().closedBy(), op.close().reason());
            return new OperationResult(index, "close", id, 200, ending.alreadyEnded(), null);
        } catch (RuntimeException e) {
            return failed(index, "close", id, problemOf(e));
        }
    }

    private static OperationResult failed(int index, String operation, String id, Problem problem) {
        return new OperationResult(
                index, operation, id, problem.getStatus(), null, problem.asMap());
    }

    /** The problem the single call would have answered with; anything else is rethrown. */
    private static Problem problemOf(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p.toProblem();
        }
        if (e instanceof RegistryException r) {
            var rejection = r.rejection();
            return Problem.of(
                    ProblemType.of(
                            rejection.slug(),
                            ProblemMappers.statusOf(rejection),
                            rejection.title()),
                    r.getMessage());
        }
        if (e instanceof BackendUnavailableException) {
            return Problem.of(
                    ProblemType.of("backend-unavailable", 503, "Backend unavailable"),
                    "the session backend did not answer; retry later",
                    Map.of(Problem.RETRY_AFTER_SECONDS, 1));
        }
        throw e;
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }
}
