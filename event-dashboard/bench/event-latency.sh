#!/usr/bin/env bash
# Event latency (issue 23, aim 6): event made -> on the dashboard's live SSE stream, at fixed rates.
#   event-dashboard/bench/event-latency.sh [SECONDS per rate, default 30] [RATES, default "300 600"]
# Starts its own broker (port 19092) and a packaged dashboard (port 18082), so it needs neither the
# suite nor its port lock; publishes whole handshakes (11 events each) at each rate in handshakes/s
# with the services' producer settings, and reads them back as one live viewer (EventLatency).
# DASHBOARD_JAVA_OPTS replaces the dashboard's GC flags (default -XX:+UseSerialGC -Xmn24m, as deployed).
# DASHBOARD_APP=DIR runs another packaged dashboard (a quarkus-app directory), e.g. a copy of a
# previous build, to compare two versions on the same machine.
# DASHBOARD_HISTOGRAM=FILE writes the dashboard's live objects at the end (jcmd GC.class_histogram,
# after a full collection) to FILE, to weigh what the in-memory views retain.
# Run from the project root after `mvn -pl event-dashboard -am package -DskipTests` and `test-compile`.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RATE=${1:-30}; RATES=${2:-300 600}
TMP=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

(cd event-dashboard && mvn -q dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >/dev/null)
CP="event-dashboard/target/test-classes:event-dashboard/target/classes:events/target/classes:$(cat "$TMP/cp.txt")"

# Log-append time on the broker, so that each event's way splits into producer, broker -> dashboard,
# and dashboard -> viewer (EventLatency prints the three stages).
KAFKA_LOG_MESSAGE_TIMESTAMP_TYPE=LogAppendTime \
java -Xmx512m -jar "$(ls embedded-kafka/target/embedded-kafka-*.jar | grep -v -- '-sources\|-tests' | head -1)" \
  --port 19092 --data-dir "$TMP/kafka" --config-from-env >"$TMP/kafka.log" 2>&1 & PIDS+=($!)
for i in $(seq 1 90); do grep -qs "Kafka broker ready" "$TMP/kafka.log" && break; sleep 1; done
grep -q "Kafka broker ready" "$TMP/kafka.log" || { tail -5 "$TMP/kafka.log"; echo "the broker did not start" >&2; exit 1; }

QUARKUS_HTTP_PORT=18082 KAFKA_BOOTSTRAP_SERVERS=localhost:19092 TLSUITE_INSTANCE=bench-latency \
  java -Xmx384m ${DASHBOARD_JAVA_OPTS:--XX:+UseSerialGC -Xmn24m} -jar "${DASHBOARD_APP:-event-dashboard/target/quarkus-app}/quarkus-run.jar" >"$TMP/dashboard.log" 2>&1 &
DASHBOARD_PID=$!; PIDS+=($!)
for i in $(seq 1 120); do curl -sf -o /dev/null http://localhost:18082/q/health/ready && break; sleep 1; done

# utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15, after the name).
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "warm-up: 10 s at 100 handshakes/s"
java -cp "$CP" io.tlsuite.dashboard.bench.EventLatency localhost:19092 http://localhost:18082 100 10 >/dev/null
for rate in $RATES; do
  echo "== $rate handshakes/s for $SECONDS_PER_RATE s (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  before=$(cpu_ticks "$DASHBOARD_PID")
  java -cp "$CP" io.tlsuite.dashboard.bench.EventLatency localhost:19092 http://localhost:18082 "$rate" "$SECONDS_PER_RATE" | tee "$TMP/run.txt"
  after=$(cpu_ticks "$DASHBOARD_PID")
  # The dashboard's CPU during the run (its GC threads included), per event published.
  n=$(sed -n 's/^rate: .*(\([0-9]*\) events.*/\1/p' "$TMP/run.txt")
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="${n:-1}" \
    'BEGIN { printf "dashboard CPU: %.1f s, %.0f us per event\n", t / hz, t / hz * 1e6 / n }'
done
if [ -n "${DASHBOARD_HISTOGRAM:-}" ]; then
  curl -sf http://localhost:18082/api/v1/stats >"$DASHBOARD_HISTOGRAM.stats.json" || true
  jcmd "$DASHBOARD_PID" GC.class_histogram >"$DASHBOARD_HISTOGRAM" || true
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
