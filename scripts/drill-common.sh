# Sourced by scripts/drill-*: helpers for fault drills on the running compose topology
# (./suite compose up --detach first). Loopback only; every wait is bounded.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CA=http://localhost:${CA_PORT:-8081}; DB=http://localhost:${DASHBOARD_PORT:-8080}; SS=http://localhost:${SESSION_STORE_PORT:-8083}
HS=http://localhost:${HANDSHAKE_PORT:-8082}; KAFKA=localhost:${KAFKA_PORT:-9092}
# kcat reads as the read-only operator when the broker requires authentication (./suite up writes the file).
kcat_args() { if [ -f .suite/kafka-operator.conf ]; then echo "-F .suite/kafka-operator.conf -b $KAFKA"; else echo "-b $KAFKA"; fi; }
PROJECT="${TLSUITE_COMPOSE_PROJECT:-tlsuite}"
OUT="$ROOT/.suite/drills"; mkdir -p "$OUT"
WORKDIR=$(mktemp -d); trap 'rm -rf "$WORKDIR"' EXIT

dc() { docker-compose -p "$PROJECT" -f "$ROOT/deploy/compose/docker-compose.yml" --env-file "$ROOT/deploy/compose/local.env" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
fail() { echo "DRILL FAILED: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || apt-get install -y -qq "$2" >/dev/null 2>&1 || fail "cannot install $2"; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

require_running() {
  [ -n "$(dc ps -q 2>/dev/null)" ] || fail "the compose topology is not running: ./suite compose up --detach"
  curl -sf -o "$WORKDIR/root.pem" "$CA/api/v1/ca/root" || fail "no CA root at $CA"
  ROOT_PEM="$WORKDIR/root.pem"
}

container_of() { dc ps -q "$1"; }

wait_healthy() { # service, seconds
  local id i; id=$(container_of "$1")
  for i in $(seq 1 "${2:-180}"); do
    [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null)" = healthy ] && return 0
    sleep 1
  done
  return 1
}

# Events of one type the dashboard has counted since it started.
dashboard_count() { curl -sf "$DB/api/v1/stats" | python3 -c "
import sys, json
d = json.load(sys.stdin)
counts = d.get('byType', d) if isinstance(d, dict) else {}
if isinstance(counts, list):
    counts = {c.get('type'): c.get('count') for c in counts}
print(int(counts.get(sys.argv[1], 0) or 0))" "$1"; }

# Records of one event type on a topic: "<records> <distinct CloudEvents ids>".
kafka_count() { # topic, type
  need kcat kcat
  timeout 60 kcat $(kcat_args) -C -t "$1" -o beginning -e -q -f '%s\n' 2>/dev/null | python3 -c "
import sys, json
total, ids = 0, set()
for line in sys.stdin:
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get('type') == sys.argv[1]:
        total += 1
        ids.add(e.get('id'))
print(total, len(ids))" "$2"
}

# Wait (bounded) until the dashboard's count of TYPE reaches TARGET; prints the count reached.
wait_dashboard() { # type, target, seconds
  local i c=0
  local deadline=$(( $(date +%s) + ${3:-120} ))
  while [ "$(date +%s)" -lt $deadline ]; do
    c=$(dashboard_count "$1" 2>/dev/null || echo 0)
    [ "$c" -ge "$2" ] && break
    sleep 2
  done
  echo "$c"
}

# One result line for docs/reliability.md, kept in .suite/drills/.
record() { # drill name, text
  local line; line="$(date -u +'%Y-%m-%d %H:%M UTC') $1: $2"
  echo "$line" | tee -a "$OUT/results.log"
}

# The sum of a metric over every target Prometheus scrapes (after its next scrape); empty when absent.
prometheus_sum() { # metric name
  curl -sf "http://localhost:${PROMETHEUS_PORT:-9090}/api/v1/query" --data-urlencode "query=sum($1)" \
    | python3 -c "import sys,json; r=json.load(sys.stdin)['data']['result']; print(int(float(r[0]['value'][1])) if r else '')"
}
