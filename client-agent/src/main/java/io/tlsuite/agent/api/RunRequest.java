package io.tlsuite.agent.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/runs}. */
@Schema(description = "A run: a scenario played count times with concurrency connections at once")
public record RunRequest(
        @Schema(description = "scenario name from GET /api/v1/scenarios", example = "tls13")
                String scenario,
        @Schema(
                        description =
                                "how many plays (default 1; with durationSeconds: an upper bound)",
                        example = "100")
                Integer count,
        @Schema(description = "plays at once (default 1)", example = "4") Integer concurrency,
        @Schema(description = "tcp (default) or rest", example = "tcp") String transport,
        @Schema(
                        description =
                                "tcp: host:port (default localhost:8443); rest: base URL (default http://localhost:8082)")
                String target,
        @Schema(description = "stop after this many seconds (optional)") Integer durationSeconds) {}
