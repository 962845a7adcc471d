package io.tlsuite.agent.domain;

/**
 * What a correct client sees in a scenario. {@code kind}: {@code success} (handshake, data and
 * close all work, every check passes), {@code insecure-success} (works only because checks were
 * skipped, and the agent says so), {@code agent-refuses} (the agent sends {@code alert}, after
 * check {@code check} when one is named) or {@code server-refuses} (the agent receives {@code
 * alert}).
 */
public record Expectation(String kind, String alert, String check) {
    public static final String SUCCESS = "success";
    public static final String INSECURE_SUCCESS = "insecure-success";
    public static final String AGENT_REFUSES = "agent-refuses";
    public static final String SERVER_REFUSES = "server-refuses";

    static Expectation success() {
        return new Expectation(SUCCESS, null, null);
    }

    static Expectation insecureSuccess() {
        return new Expectation(INSECURE_SUCCESS, null, null);
    }

    static Expectation agentRefuses(String alert, String check) {
        return new Expectation(AGENT_REFUSES, alert, check);
    }

    static Expectation serverRefuses(String alert) {
        return new Expectation(SERVER_REFUSES, alert, null);
    }

    /** In words, for listings and the CLI. */
    public String summary() {
        return switch (kind) {
            case SUCCESS -> "handshake, data and close succeed; every certificate check passes";
            case INSECURE_SUCCESS ->
                    "connects, but the agent reports the connection as insecure and names the skipped checks";
            case AGENT_REFUSES ->
                    "the agent refuses with alert "
                            + alert
                            + (check == null ? "" : " (check '" + check + "' fails)");
            default -> "the server refuses with alert " + alert;
        };
    }
}
