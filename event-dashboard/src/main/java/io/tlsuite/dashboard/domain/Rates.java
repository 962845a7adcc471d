package io.tlsuite.dashboard.domain;

import java.util.Map;

/**
 * Rates over a window of seconds ending now, each series one value per second, oldest first.
 *
 * @param eventsPerSecond per topic
 * @param handshakeP50Micros per second, null where no handshake completed
 * @param lag per topic, the largest consumer lag sampled in that second, -1 where none was sampled
 * @param failuresByAlert failed handshakes in the window, by alert ({@code none} without an alert)
 */
public record Rates(
        int windowSeconds,
        long[] epochSeconds,
        Map<String, long[]> eventsPerSecond,
        int[] handshakesCompleted,
        int[] handshakesFailed,
        Long[] handshakeP50Micros,
        Long[] handshakeP95Micros,
        Map<String, long[]> lag,
        double handshakesPerSecond,
        double failuresPerSecond,
        Map<String, Long> failuresByAlert,
        Long p50Micros,
        Long p95Micros,
        Map<String, Double> eventRatePerTopic) {}
