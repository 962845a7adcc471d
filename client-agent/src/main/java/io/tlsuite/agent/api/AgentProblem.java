package io.tlsuite.agent.api;

import io.tlsuite.service.problem.ProblemException;
import io.tlsuite.service.problem.ProblemType;

/**
 * A request the agent refuses; it leaves as problem+json through the shared mappers of {@code
 * service-support}. Its types are listed in docs/errors.md.
 */
public final class AgentProblem extends ProblemException {

    public AgentProblem(int status, String slug, String title, String detail) {
        super(ProblemType.of(slug, status, title), detail);
    }

    static AgentProblem invalid(String detail) {
        return new AgentProblem(400, "invalid-run-request", "Invalid run request", detail);
    }
}
