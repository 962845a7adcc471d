package io.tlsuite.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Polls a run until it ends, drawing a progress bar on stderr. */
final class RunWatch {
    private RunWatch() {}

    static JsonNode until(AgentApi api, String id, boolean bar, PrintStream err) throws Exception {
        JsonNode run = api.get("api/v1/runs/" + id);
        while ("running".equals(run.path("state").asText())) {
            if (bar) {
                draw(err, run);
            }
            Thread.sleep(bar ? 250 : 100);
            run = api.get("api/v1/runs/" + id);
        }
        if (bar) {
            draw(err, run);
            err.println();
        }
        return run;
    }

    private static void draw(PrintStream err, JsonNode run) {
        int count = Math.max(1, run.path("count").asInt());
        int done = run.path("done").asInt();
        int width = 30;
        int filled = (int) Math.min(width, (long) done * width / count);
        err.printf(
                "\r[%s%s] %d/%d  passed %d  failed %d  %.1f hs/s   ",
                "#".repeat(filled),
                ".".repeat(width - filled),
                done,
                count,
                run.path("passed").asInt(),
                run.path("failed").asInt(),
                run.path("handshakesPerSecond").asDouble());
        err.flush();
    }
}
