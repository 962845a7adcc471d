#!/usr/bin/env bash
# Benchmarks of the session store, all in one run on one machine:
#   1. REST create/get/close cycles per second at a fixed concurrency, in-memory backend, in
#      rounds alternating with the trivial endpoint GET /api/v1/service (same client, same
#      concurrency: what the HTTP stack and the caller check alone allow); prints the ratio
#   2. the same with the Redis backend (127.0.0.1:6379): the real configuration, issue 23 aim 5
#   3. the store's CPU per session, registrations and closes sent one call each and in batches of
#      100 operations (BatchRegistrationCost), Redis backend; also the broker's CPU
#   4. redis-benchmark SET/GET at the same concurrency, same Redis
#   5. heap per live session in the in-memory backend with N sessions held
# Usage (from anywhere): session-store/bench/run.sh [concurrency=16] [seconds=20] [sessions=1000000]
# Environment: BENCH_PORT, BENCH_KAFKA_PORT (default 18083, 19092), BENCH_ROUNDS (trivial/cycle
# rounds, default 2), BENCH_WARMUP (seconds of warm-up of each kind, default 5), BENCH_SECTIONS
# (default "1 2 3 4 5"), BENCH_APP (the quarkus-app directory to run, default
# session-store/target/quarkus-app), BENCH_JAVA_OPTS (added to the service's java command, e.g. a
# JFR recording), MAVEN_REPO (default ~/.m2/repository).
# Needs: the packaged service (mvn -pl session-store package), embedded-kafka's jar, redis-benchmark.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
C=${1:-16}; SECS=${2:-20}; N=${3:-1000000}
PORT=${BENCH_PORT:-18083}; KPORT=${BENCH_KAFKA_PORT:-19092}
ROUNDS=${BENCH_ROUNDS:-2}; SECTIONS=" ${BENCH_SECTIONS:-1 2 3 4 5} "
WORK=$(mktemp -d)
JAR=${BENCH_APP:-session-store/target/quarkus-app}/quarkus-run.jar
KJAR=$(ls embedded-kafka/target/embedded-kafka-*.jar | grep -v -- '-sources\|-tests' | head -1)
EVENTS_JAR=$(ls "${MAVEN_REPO:-$HOME/.m2/repository}"/io/tlsuite/events/*/events-*.jar | grep -v sources | head -1)
[ -f "$JAR" ] || mvn -q -pl session-store package -DskipTests
[ -d session-store/target/test-classes/io/tlsuite/sessionstore/bench ] || mvn -q -pl session-store test-compile
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3)"
echo "== $(date -u +%FT%TZ), load average before: $(cut -d" " -f1-3 /proc/loadavg)"

java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$KJAR" --port "$KPORT" --data-dir "$WORK/kafka" >"$WORK/kafka.log" 2>&1 &
KAFKA=$!; PIDS+=($KAFKA)
for _ in $(seq 1 60); do grep -q "Kafka broker ready" "$WORK/kafka.log" && break; sleep 1; done

run_service() { # backend, extra env...
  local backend=$1; shift
  env QUARKUS_HTTP_PORT="$PORT" KAFKA_BOOTSTRAP_SERVERS="localhost:$KPORT" TLSUITE_DATA_DIR="$WORK" \
      SESSIONSTORE_BACKEND="$backend" SESSIONSTORE_SERVICE_TOKEN=bench-token "$@" \
      java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK/service-$backend.log" 2>&1 &
  SERVICE=$!; PIDS+=($SERVICE)
  for _ in $(seq 1 90); do curl -sf -o /dev/null "http://localhost:$PORT/q/health/ready" && return 0; sleep 1; done
  echo "service did not start:"; tail -20 "$WORK/service-$backend.log"; exit 1
}

bench_rest() {
  java -cp session-store/target/test-classes io.tlsuite.sessionstore.bench.RestBenchmark \
      "http://localhost:$PORT" bench-token "$C" "$SECS" "${BENCH_WARMUP:-5}" "$ROUNDS" "$SERVICE"
}

if [[ $SECTIONS == *" 1 "* ]]; then
  echo; echo "== 1. REST, in-memory backend: cycles beside the trivial endpoint"
  run_service memory
  bench_rest
  kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
fi

if [[ $SECTIONS == *" 2 "* || $SECTIONS == *" 3 "* ]]; then
  PREFIX="tlsuite:bench:$(date +%s):"
  run_service redis SESSIONSTORE_REDIS_KEY_PREFIX="$PREFIX" \
      SESSIONSTORE_ENVELOPE_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
  if [[ $SECTIONS == *" 2 "* ]]; then
    echo; echo "== 2. REST, Redis backend: cycles beside the trivial endpoint"
    bench_rest
  fi
  if [[ $SECTIONS == *" 3 "* ]]; then
    echo; echo "== 3. CPU per session, one call each vs batches of 100 operations, Redis backend"
    java -cp session-store/target/test-classes io.tlsuite.sessionstore.bench.BatchRegistrationCost \
        "http://localhost:$PORT" bench-token 2000 3 100 session-store="$SERVICE" kafka="$KAFKA"
  fi
  kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
  redis-cli --scan --pattern "${PREFIX}*" | xargs -r -n 500 redis-cli del >/dev/null
fi

echo "== load average after the REST runs: $(cut -d" " -f1-3 /proc/loadavg)"
if [[ $SECTIONS == *" 4 "* ]]; then
  echo; echo "== 4. redis-benchmark -t set,get -c $C -n 200000 (same Redis, same run)"
  redis-benchmark -t set,get -c "$C" -n 200000 -q | tr '\r' '\n' | grep "requests per second"
fi

[[ $SECTIONS == *" 5 "* ]] || exit 0
echo; echo "== 5. heap per live session, in-memory backend, $N sessions"
java -Xmx3g -XX:+UseParallelGC -cp "session-store/target/test-classes:session-store/target/classes:$EVENTS_JAR" \
    io.tlsuite.sessionstore.bench.MemoryPerSession "$N"
