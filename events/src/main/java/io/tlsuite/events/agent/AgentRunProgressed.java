package io.tlsuite.events.agent;

import io.tlsuite.events.EventType;

/** Periodic progress of a run, with latency percentiles of the handshakes so far. */
@EventType("agent.run-progressed")
public record AgentRunProgressed(
        String runId,
        int completed,
        int failed,
        int total,
        long p50Micros,
        long p95Micros,
        long p99Micros)
        implements AgentEvent {}
