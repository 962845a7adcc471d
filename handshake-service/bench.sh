#!/usr/bin/env bash
# Handshakes per second on the TLS port beside the JDK's SSLServerSocket, in the same run.
# Needs the suite up (./suite up --detach) and the module built with its tests compiled.
# Usage: handshake-service/bench.sh [seconds]   (from the project root)
set -euo pipefail
SECS=${1:-10}
ROOT=$(pwd)
MOD="$ROOT/handshake-service"
TMP=$(mktemp -d)
trap 'kill $REF 2>/dev/null || true; rm -rf "$TMP"' EXIT
curl -sf http://localhost:8081/api/v1/ca/root -o "$TMP/root.pem"
(cd "$MOD" && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >/dev/null)
java -Xmx384m -XX:+UseSerialGC -cp "$MOD/target/test-classes:$MOD/target/classes:$(cat "$TMP/cp.txt")" \
  io.tlsuite.handshake.bench.JdkReferenceServer http://localhost:8081 9443 >"$TMP/ref.log" 2>&1 &
REF=$!
for i in $(seq 1 60); do grep -q 'JDK reference server' "$TMP/ref.log" && break; sleep 1; done
run() { # name port mode seconds
  local n
  n=$(openssl s_time -connect "localhost:$2" -CAfile "$TMP/root.pem" $3 -time "$4" -www / 2>&1 \
      | grep -E 'connections in [0-9]+ real seconds' | head -1 | awk '{print $1}')
  printf '%-42s %6s connections in %s s = %s per second\n' "$1" "$n" "$4" "$(( ${n:-0} / $4 ))"
}
echo "openssl s_time, $SECS s each, one client, $(nproc) cores shared, $(date -u +%FT%TZ)"
# Warm-up (JIT), not reported.
for p in 8443 9443; do openssl s_time -connect "localhost:$p" -CAfile "$TMP/root.pem" -new -time 5 -www / >/dev/null 2>&1; done
for round in 1 2; do
  run "protocol engine (port 8443), full" 8443 -new "$SECS"
  run "JDK SSLServerSocket (port 9443), full" 9443 -new "$SECS"
  run "protocol engine (port 8443), resumed" 8443 -reuse "$SECS"
  run "JDK SSLServerSocket (port 9443), resumed" 9443 -reuse "$SECS"
done
