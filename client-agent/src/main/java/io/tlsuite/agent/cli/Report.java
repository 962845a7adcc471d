package io.tlsuite.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The summary of a finished run: outcome, checks, negotiated parameters, latency table. */
final class Report {
    private Report() {}

    static void print(PrintStream out, JsonNode run, boolean timeline) {
        boolean ok =
                "completed".equals(run.path("state").asText()) && run.path("failed").asInt() == 0;
        out.printf(
                "%s  %s over %s to %s: %s, %d/%d passed, %d failed, %.1f handshakes/s%n",
                ok ? "PASS" : "FAIL",
                run.path("scenario").asText(),
                run.path("transport").asText(),
                run.path("target").asText(),
                run.path("state").asText(),
                run.path("passed").asInt(),
                run.path("count").asInt(),
                run.path("failed").asInt(),
                run.path("handshakesPerSecond").asDouble());
        out.println("expected: " + run.path("expectation").asText());
        if (run.hasNonNull("cause")) {
            out.println("run stopped: " + run.path("cause").asText());
        }
        JsonNode causes = run.path("failuresByCause");
        if (causes.size() > 0) {
            out.println("failures by cause:");
            causes.properties()
                    .forEach(e -> out.printf("  %-50s %d%n", e.getKey(), e.getValue().asInt()));
        }
        JsonNode sample =
                run.has("firstFailure") ? run.get("firstFailure") : run.path("firstResult");
        if (!sample.isMissingNode()) {
            out.println();
            out.printf(
                    "%s play: outcome %s%s%s%n",
                    run.has("firstFailure") ? "first failed" : "first",
                    sample.path("outcome").asText(),
                    sample.hasNonNull("alertSent")
                            ? ", agent sent " + sample.path("alertSent").asText()
                            : "",
                    sample.hasNonNull("alertReceived")
                            ? ", agent received " + sample.path("alertReceived").asText()
                            : "");
            JsonNode n = sample.path("negotiated");
            if (n.size() > 0) {
                List<String> parts = new ArrayList<>();
                n.properties()
                        .forEach(
                                e -> {
                                    if (!e.getValue().isNull()) {
                                        parts.add(e.getKey() + "=" + e.getValue().asText());
                                    }
                                });
                out.println("negotiated: " + String.join(", ", parts));
            }
            if (sample.hasNonNull("revocation")) {
                out.println("revocation: " + sample.path("revocation").asText());
            }
            List<String[]> rows = new ArrayList<>();
            for (JsonNode c : sample.path("checks")) {
                rows.add(
                        new String[] {
                            c.path("name").asText(),
                            c.path("result").asText(),
                            c.path("detail").asText()
                        });
            }
            if (!rows.isEmpty()) {
                Table.print(out, new String[] {"CHECK", "RESULT", "DETAIL"}, rows);
            }
            for (JsonNode note : sample.path("notes")) {
                out.println("note: " + note.asText());
            }
            if (timeline) {
                out.println();
                for (JsonNode m : sample.path("messages")) {
                    out.printf(
                            "  %-8s %s%s%n",
                            m.path("direction").asText(), m.path("type").asText(), detail(m));
                }
            }
        }
        JsonNode lat = run.path("latencyMs");
        if (lat.size() > 0) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : lat.properties()) {
                JsonNode v = e.getValue();
                rows.add(
                        new String[] {
                            e.getKey(),
                            v.path("count").asText(),
                            fmt(v.path("p50")),
                            fmt(v.path("p95")),
                            fmt(v.path("p99")),
                            fmt(v.path("max"))
                        });
            }
            Table.print(
                    out, new String[] {"PHASE (ms)", "COUNT", "P50", "P95", "P99", "MAX"}, rows);
        }
    }

    private static String fmt(JsonNode n) {
        return String.format("%.3f", n.asDouble());
    }

    private static String detail(JsonNode m) {
        StringBuilder b = new StringBuilder();
        if (m.has("cipherSuite")) {
            b.append(" suite=").append(m.path("cipherSuite").asText());
        }
        if (m.has("scheme")) {
            b.append(" scheme=").append(m.path("scheme").asText());
        }
        if (m.has("description")) {
            b.append(" ").append(m.path("description").asText());
        }
        if (m.has("certificates")) {
            for (JsonNode c : m.get("certificates")) {
                b.append(" [").append(c.path("subject").asText()).append("]");
            }
        }
        if (m.has("length")) {
            b.append(" (").append(m.path("length").asInt()).append(" bytes)");
        }
        return b.toString();
    }
}
