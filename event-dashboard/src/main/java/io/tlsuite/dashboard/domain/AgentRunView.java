package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A client-agent run as the page shows it.
 *
 * @param outcome {@code running} until the run completes, then {@code passed} or {@code failed}
 * @param handshakesPerSecond (completed + failed) over the time so far, once it can be known
 * @param failuresByCause certificate problems the agent reported, by text
 */
public record AgentRunView(
        String id,
        String scenario,
        String target,
        String outcome,
        int total,
        int concurrency,
        int completed,
        int failed,
        Double handshakesPerSecond,
        long p50Micros,
        long p95Micros,
        long p99Micros,
        Instant startedAt,
        Instant updatedAt,
        Long durationMillis,
        long messages,
        Map<String, Long> failuresByCause) {}
