#!/usr/bin/env bash
# CPU per event consumed, for two dashboard builds side by side on the same burst (issue 18).
#   event-dashboard/bench/cpu-per-event.sh [OLD_APP_DIR] [HANDSHAKES]
# OLD_APP_DIR: a quarkus-app directory of the build to compare with (e.g. one built from an earlier
# commit); without it only this build is measured. Uses its own ports (Kafka 19092, dashboards
# 18080/18081), so it does not need the suite's port lock. Run from the project root after
# `mvn -pl event-dashboard -am package -DskipTests` (and `test-compile`).
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=${1:-}; HANDSHAKES=${2:-10000}
TMP=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, in clock ticks
HZ=$(getconf CLK_TCK)
total() { curl -sf "http://localhost:$1/api/v1/stats" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])'; }

(cd event-dashboard && mvn -q dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >/dev/null)
CP="event-dashboard/target/test-classes:event-dashboard/target/classes:events/target/classes:$(cat "$TMP/cp.txt")"

java -Xmx512m -jar "$(ls embedded-kafka/target/embedded-kafka-*.jar | grep -v -- '-sources\|-tests' | head -1)" \
  --port 19092 --data-dir "$TMP/kafka" >"$TMP/kafka.log" 2>&1 & PIDS+=($!)
for i in $(seq 1 60); do grep -q "Kafka broker ready" "$TMP/kafka.log" && break; sleep 1; done

start_dashboard() { # name app-dir port
  QUARKUS_HTTP_PORT=$3 KAFKA_BOOTSTRAP_SERVERS=localhost:19092 TLSUITE_INSTANCE=bench-$1 \
    java -Xmx384m -XX:+UseSerialGC -jar "$2/quarkus-run.jar" >"$TMP/$1.log" 2>&1 &
  PIDS+=($!); echo $! >"$TMP/$1.pid"
}
start_dashboard new event-dashboard/target/quarkus-app 18080
[ -n "$OLD" ] && start_dashboard old "$OLD" 18081
names=(new); ports=(18080); [ -n "$OLD" ] && names+=(old) && ports+=(18081)
for p in "${ports[@]}"; do
  for i in $(seq 1 120); do curl -sf -o /dev/null "http://localhost:$p/q/health/ready" && break; sleep 1; done
done

burst() { java -cp "$CP" io.tlsuite.dashboard.bench.EventBurst localhost:19092 "$1"; }
wait_for() { # port count
  for i in $(seq 1 600); do [ "$(total "$1")" -ge "$2" ] && return 0; sleep 0.5; done; echo "timeout on $1" >&2; return 1
}
echo "warm-up: $((HANDSHAKES / 2)) handshakes"
n=$(burst $((HANDSHAKES / 2)))
for p in "${ports[@]}"; do wait_for "$p" "$n"; done
sleep 5
declare -A busy0 base idle secs
for k in "${!names[@]}"; do busy0[$k]=$(cpu_ticks "$(cat "$TMP/${names[$k]}.pid")"); base[$k]=$(total "${ports[$k]}"); done
t0=$(date +%s.%N)
m=$(burst "$HANDSHAKES")
for k in "${!names[@]}"; do
  wait_for "${ports[$k]}" $(( ${base[$k]} + m ))
  secs[$k]=$(python3 -c "import time; print(time.time() - $t0)")
  busy0[$k]=$(( $(cpu_ticks "$(cat "$TMP/${names[$k]}.pid")") - ${busy0[$k]} ))
done
# What each costs doing nothing (poll loops, metrics), over 30 s after the burst, subtracted in
# proportion to the burst's length.
for k in "${!names[@]}"; do idle[$k]=$(cpu_ticks "$(cat "$TMP/${names[$k]}.pid")"); done
sleep 30
for k in "${!names[@]}"; do idle[$k]=$(( $(cpu_ticks "$(cat "$TMP/${names[$k]}.pid")") - ${idle[$k]} )); done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
for k in "${!names[@]}"; do
  python3 - "${names[$k]}" "$m" "${busy0[$k]}" "${idle[$k]}" "${secs[$k]}" "$HZ" <<'PY'
import sys
name, events, busy, idle, secs, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
cpu = busy / hz - idle / hz * secs / 30.0
print(f"{name}: {events} events consumed in {secs:.1f} s; CPU {busy/hz:.2f} s ({busy/hz/events*1e6:.0f} us/event raw), idle {idle/hz/30*100:.1f} % of a core -> {cpu/events*1e6:.1f} us/event")
PY
done
