package io.tlsuite.dashboard.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A client-agent run, live from {@code tls.agents}: progress, rate and failures by cause. */
final class AgentRun {

    final String id;
    String scenario;
    String target;
    int total;
    int concurrency;
    int completed;
    int failed;
    long p50Micros;
    long p95Micros;
    long p99Micros;
    String outcome;
    Instant startedAt;
    Instant updatedAt;
    Long durationMillis;
    long messages;
    final Map<String, Long> failuresByCause = new TreeMap<>();

    AgentRun(String id) {
        this.id = id;
    }

    AgentRunView view() {
        double seconds =
                durationMillis != null
                        ? durationMillis / 1000.0
                        : startedAt == null || updatedAt == null
                                ? 0
                                : Duration.between(startedAt, updatedAt).toMillis() / 1000.0;
        Double rate = seconds > 0 ? (completed + failed) / seconds : null;
        return new AgentRunView(
                id,
                scenario,
                target,
                outcome == null ? "running" : outcome,
                total,
                concurrency,
                completed,
                failed,
                rate,
                p50Micros,
                p95Micros,
                p99Micros,
                startedAt,
                updatedAt,
                durationMillis,
                messages,
                Map.copyOf(failuresByCause));
    }
}
