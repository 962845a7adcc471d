package io.tlsuite.agent.api;

/**
 * A request the agent refuses: RFC 9457 problem details with a stable {@code type} {@code
 * https://tlsuite.dev/problems/<slug>}.
 */
public final class AgentProblem extends RuntimeException {
    final int status;
    final String slug;
    final String title;

    public AgentProblem(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    static AgentProblem invalid(String detail) {
        return new AgentProblem(400, "invalid-run-request", "Invalid run request", detail);
    }
}
