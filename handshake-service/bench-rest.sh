#!/usr/bin/env bash
# REST handshakes per second at fixed concurrency (complete lifecycles: ClientHello, client
# Finished, one echo, close), beside the same engines handshaking in memory in the same run.
# Needs the suite up (./suite up --detach) and the module built with its tests compiled.
# Usage (from the project root): handshake-service/bench-rest.sh [concurrency] [seconds]
# REST_BENCH_WARMUP: seconds of unreported lifecycles first (default 30: the REST path needs them).
set -euo pipefail
CONC=${1:-8}
SECS=${2:-10}
MOD="$(pwd)/handshake-service"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$MOD" && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >/dev/null)
echo "$(nproc) cores shared with the suite, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
# CPU per lifecycle of the local services (found by their jars), printed beside the load generator's.
pid_of() { { pgrep -f "$1" || true; } | head -1; }
PIDS="handshake service=$(pid_of 'handshake-service.*quarkus-run.jar'),session store=$(pid_of 'session-store.*quarkus-run.jar'),broker=$(pid_of 'embedded-kafka.*--port 9092'),dashboard=$(pid_of 'event-dashboard.*quarkus-run.jar')"
java -Xmx512m -Dwarmup="${REST_BENCH_WARMUP:-30}" -Dpids="$PIDS" -cp "$MOD/target/test-classes:$MOD/target/classes:$(cat "$TMP/cp.txt")" \
  io.tlsuite.handshake.bench.RestHandshakeLoad "${TLSUITE_HANDSHAKE_URL:-http://localhost:8082}" \
  "${TLSUITE_CA_URL:-http://localhost:8081}" "$CONC" "$SECS" 2>&1 | grep -E '^(REST|Reference)'
