#!/usr/bin/env bash
# Agent benchmark (docs/benchmarks.md, agent section). Run from the project root, under the port lock:
#   flock /tmp/suite-ports.lock client-agent/bench.sh [COUNT] [CONCURRENCY]
# Starts the suite, then in the same run: the agent's full handshakes/s over tcp against 8443 beside
# `openssl s_time -new` against the same port; the agent over rest beside the in-memory engine rate.
set -uo pipefail
COUNT=${1:-2000}; CONC=${2:-8}; SECS=${SECS:-15}
cd "$(dirname "$0")/.."
./suite up --detach >/tmp/agent-bench-up.log 2>&1 || { tail -5 /tmp/agent-bench-up.log; exit 1; }
trap './suite down >/dev/null 2>&1' EXIT
curl -sf localhost:8081/api/v1/ca/root -o /tmp/agent-bench-root.pem
echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores  java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- agent tcp (tls13, full handshakes, no resumption; $COUNT plays, concurrency $CONC)"
./suite agent load --scenario tls13 --count "$COUNT" --concurrency "$CONC" --no-progress | sed -n '1,2p;/PHASE/,$p'
echo "--- openssl s_time -new against the same port ($SECS s)"
openssl s_time -connect localhost:8443 -new -time "$SECS" -CAfile /tmp/agent-bench-root.pem 2>&1 | grep -E "connections in|connections/user"
echo "--- agent tcp again (interleaved, for the ratio)"
./suite agent load --scenario tls13 --count "$COUNT" --concurrency "$CONC" --no-progress | sed -n '1p'
echo "--- agent rest (tls13 over the REST API, $((COUNT / 4)) plays, concurrency $CONC)"
./suite agent load --scenario tls13 --transport rest --count "$((COUNT / 4))" --concurrency "$CONC" --no-progress | sed -n '1p;/PHASE/,$p'
echo "--- in-memory engine, same machine, same run"
APP=client-agent/target/quarkus-app
java -cp "client-agent/target/test-classes:$APP/app/*:$APP/lib/main/*" io.tlsuite.agent.bench.InMemoryHandshakeRate "$SECS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
