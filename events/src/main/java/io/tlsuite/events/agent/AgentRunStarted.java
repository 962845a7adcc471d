package io.tlsuite.events.agent;

import io.tlsuite.events.EventType;

/**
 * A client agent started a scenario or a load run.
 *
 * @param scenario e.g. {@code normal}, {@code resumption}, {@code expired-certificate}, {@code
 *     load}
 * @param target where it connects, e.g. {@code http://localhost:8082}
 * @param handshakes how many handshakes the run will perform
 */
@EventType("agent.run-started")
public record AgentRunStarted(
        String runId, String scenario, String target, int handshakes, int concurrency)
        implements AgentEvent {}
