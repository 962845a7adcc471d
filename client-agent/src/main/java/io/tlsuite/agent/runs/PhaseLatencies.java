package io.tlsuite.agent.runs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One HdrHistogram per phase, in microseconds (1 µs to 10 min, 3 significant digits). Recording and
 * reading share one lock: HdrHistogram's iterators refuse a histogram recorded into while they run,
 * and a record costs far less than a handshake.
 */
final class PhaseLatencies {
    static final String[] PHASES = {
        "hello", "certificate", "key-exchange", "finished", "first-data", "close", "total"
    };

    private final Map<String, Histogram> byPhase = new LinkedHashMap<>();

    PhaseLatencies() {
        for (String p : PHASES) {
            byPhase.put(p, new Histogram(1, 600_000_000L, 3));
        }
    }

    synchronized void record(Map<String, Double> phasesMs) {
        phasesMs.forEach(
                (phase, ms) -> {
                    Histogram h = byPhase.get(phase);
                    if (h != null) {
                        h.recordValue(Math.max(1, Math.min(600_000_000L, Math.round(ms * 1000))));
                    }
                });
    }

    synchronized long percentileMicros(String phase, double p) {
        Histogram h = byPhase.get(phase);
        return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p);
    }

    /** {phase: {count, p50, p95, p99, max, mean}} in milliseconds. */
    synchronized Map<String, Map<String, Object>> summary() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        byPhase.forEach(
                (phase, h) -> {
                    if (h.getTotalCount() == 0) {
                        return;
                    }
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("count", h.getTotalCount());
                    s.put("p50", ms(h.getValueAtPercentile(50)));
                    s.put("p95", ms(h.getValueAtPercentile(95)));
                    s.put("p99", ms(h.getValueAtPercentile(99)));
                    s.put("max", ms(h.getMaxValue()));
                    s.put("mean", Math.round(h.getMean()) / 1000.0);
                    out.put(phase, s);
                });
        return out;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
