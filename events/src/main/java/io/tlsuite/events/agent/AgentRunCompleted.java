package io.tlsuite.events.agent;

import io.tlsuite.events.EventType;

/**
 * A run ended.
 *
 * @param outcome {@code passed} when every step behaved as the scenario expects, else {@code
 *     failed}
 */
@EventType("agent.run-completed")
public record AgentRunCompleted(
        String runId,
        String scenario,
        String outcome,
        int completed,
        int failed,
        long durationMillis,
        long p50Micros,
        long p95Micros,
        long p99Micros)
        implements AgentEvent {}
