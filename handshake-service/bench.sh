#!/usr/bin/env bash
# New TLS connections per second on the TLS port (8443), beside `openssl s_server` and the JDK's
# SSLServerSocket, each with an ECDSA P-256 certificate issued by the suite's CA (profile server),
# measured in the same run by `openssl s_time` (one client, sequential connections, GET /).
# Also prints the server-side CPU time per connection of every process involved, so the cost of
# what the suite does beside the handshake (events on Kafka, session registration) is visible.
#
# Needs the suite up (./suite up --detach), openssl, and the module built with its tests compiled.
# Usage (from the project root): handshake-service/bench.sh [seconds-per-run] [rounds]
# TLS_BENCH_WARMUP: seconds of unreported full and resumed handshakes per JVM server first (30).
# A suite started on other ports (HANDSHAKE_TLS_PORT=..., CA_PORT=... ./suite up) is measured with
# the same variables set here.
set -euo pipefail
SECS=${1:-10}
ROUNDS=${2:-2}
ROOT=$(pwd)
MOD="$ROOT/handshake-service"
CA=${TLSUITE_CA_URL:-http://localhost:${CA_PORT:-8081}}
TLS=${HANDSHAKE_TLS_PORT:-8443}
TMP=$(mktemp -d)
REF=""
OSSL=""
trap 'kill $REF $OSSL 2>/dev/null || true; rm -rf "$TMP"' EXIT

pid_of() { cat "$ROOT/.suite/pids/$1.pid" 2>/dev/null || true; }
ticks() { # summed user+system clock ticks of the given pids
  local t=0 p
  for p in "$@"; do
    [ -n "$p" ] && [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat")))
  done
  echo "$t"
}
HZ=$(getconf CLK_TCK)

curl -sf "$CA/api/v1/ca/root" -o "$TMP/root.pem"
# A certificate of the same profile for openssl s_server, from the same CA.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/key.pem" \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -out "$TMP/csr.pem" 2>/dev/null
# Issuance needs a caller: the local run's provisioner token.
TOKEN=$(cat .suite/ca-provisioner-token 2>/dev/null) || { echo "no .suite/ca-provisioner-token: is the suite up?" >&2; exit 1; }
python3 - "$TMP" "$CA" "$TOKEN" <<'EOF'
import json, sys, urllib.request
tmp, ca, token = sys.argv[1], sys.argv[2], sys.argv[3]
body = json.dumps({"csr": open(tmp + "/csr.pem").read(), "profile": "server", "validityDays": 1}).encode()
req = urllib.request.Request(ca + "/api/v1/certificates", body,
                             {"Content-Type": "application/json", "Authorization": "Bearer " + token})
issued = json.load(urllib.request.urlopen(req))
chain = issued["chain"].split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n"
open(tmp + "/full.pem", "w").write(issued["certificate"].strip() + "\n" + chain.strip() + "\n")
EOF
openssl s_server -accept 9444 -cert "$TMP/full.pem" -key "$TMP/key.pem" -www -quiet >/dev/null 2>&1 &
OSSL=$!

(cd "$MOD" && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >/dev/null)
java -Xmx384m -XX:+UseSerialGC -cp "$MOD/target/test-classes:$MOD/target/classes:$(cat "$TMP/cp.txt")" \
  io.tlsuite.handshake.bench.JdkReferenceServer "$CA" 9443 >"$TMP/ref.log" 2>&1 &
REF=$!
for _ in $(seq 1 60); do grep -q 'JDK reference server' "$TMP/ref.log" && break; sleep 1; done

SUITE_PIDS="$(pid_of handshake-service) $(pid_of session-store) $(pid_of kafka) $(pid_of event-dashboard)"
run() { # label port mode seconds pids...
  local label=$1 port=$2 mode=$3 secs=$4 before after n
  shift 4
  before=$(ticks "$@")
  n=$(openssl s_time -connect "localhost:$port" -CAfile "$TMP/root.pem" $mode -time "$secs" -www / 2>&1 |
    grep -E 'connections in [0-9]+ real seconds' | head -1 | awk '{print $1}')
  after=$(ticks "$@")
  n=${n:-0}
  printf '| %-44s | %6s | %7s | %8s |\n' "$label" "$n" "$((n / secs))" \
    "$([ "$n" -gt 0 ] && echo $(((after - before) * 1000000 / HZ / n)) || echo -)"
}
WARM=${TLS_BENCH_WARMUP:-30}
echo "openssl s_time, $SECS s per run after $WARM s of warm-up per JVM server and mode, one client, $(nproc) cores shared, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
# Warm-up (JIT), not reported: a fresh suite's C2 is still compiling for the first half-minute;
# openssl needs only 5 s.
for p in "$TLS" 9443 9444; do
  w=$([ "$p" = 9444 ] && echo 5 || echo "$WARM")
  for mode in -new -reuse; do
    openssl s_time -connect "localhost:$p" -CAfile "$TMP/root.pem" $mode -time "$w" -www / >/dev/null 2>&1 || true
  done
done
echo "| server (port) | connections | per second | server CPU per connection (us) |"
echo "| --- | --- | --- | --- |"
for round in $(seq 1 "$ROUNDS"); do
  run "suite TLS port ($TLS), full, round $round" "$TLS" -new "$SECS" $SUITE_PIDS
  run "openssl s_server (9444), full, round $round" 9444 -new "$SECS" "$OSSL"
  run "JDK SSLServerSocket (9443), full, round $round" 9443 -new "$SECS" "$REF"
  run "suite TLS port ($TLS), resumed, round $round" "$TLS" -reuse "$SECS" $SUITE_PIDS
  run "openssl s_server (9444), resumed, round $round" 9444 -reuse "$SECS" "$OSSL"
  run "JDK SSLServerSocket (9443), resumed, round $round" 9443 -reuse "$SECS" "$REF"
done
echo "suite CPU counts handshake-service + session-store + Kafka broker + event-dashboard (pids: $SUITE_PIDS)"
# Where the suite's CPU goes: one more full-handshake run, read per process.
echo "per process, full handshakes on $TLS, $SECS s:"
names="handshake-service session-store kafka event-dashboard"
declare -A before
for name in $names; do before[$name]=$(ticks "$(pid_of "$name")"); done
n=$(openssl s_time -connect "localhost:$TLS" -CAfile "$TMP/root.pem" -new -time "$SECS" -www / 2>&1 |
  grep -E 'connections in [0-9]+ real seconds' | head -1 | awk '{print $1}')
for name in $names; do
  after=$(ticks "$(pid_of "$name")")
  printf '  %-18s %6s us per connection\n' "$name" \
    "$([ "${n:-0}" -gt 0 ] && echo $(((after - ${before[$name]}) * 1000000 / HZ / n)) || echo -)"
done
