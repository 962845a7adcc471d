#!/usr/bin/env bash
# Every metric name that the Prometheus rules and the Grafana dashboard use must be exported by a
# running service: reads /q/metrics of each base URL and compares.
#
#   deploy/observability/check-metrics.sh [BASEURL...]
#
# Default: the local run's services (http://localhost:8080 ... 8084, `./suite up`). Exit 0 when every
# name is exported, 1 when one is missing (listed), 2 when a service cannot be read.
# Names Prometheus makes itself (`up`) and the rules' own recordings (with a colon) are not asked of
# the services; recordings must be defined in the rules file.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -gt 0 ] || set -- http://localhost:8080 http://localhost:8081 http://localhost:8082 http://localhost:8083 http://localhost:8084
command -v python3 >/dev/null || { echo "check-metrics: python3 is needed" >&2; exit 2; }
command -v curl >/dev/null || { echo "check-metrics: curl is needed" >&2; exit 2; }

SCRAPES=$(mktemp -d)
trap 'rm -rf "$SCRAPES"' EXIT
i=0
for base in "$@"; do
  i=$((i + 1))
  if ! curl -sf --max-time 10 "${base%/}/q/metrics" >"$SCRAPES/$i.txt"; then
    echo "check-metrics: cannot read ${base%/}/q/metrics" >&2
    exit 2
  fi
done

python3 - "$HERE" "$SCRAPES" <<'PY'
import json, os, re, sys

here, scrapes = sys.argv[1], sys.argv[2]

def rule_exprs(path):
    """(exprs, recorded names) of a Prometheus rules file, without a YAML library."""
    exprs, records, lines = [], set(), open(path).read().splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)(?:- )?(expr|record):\s*(.*)$", lines[i])
        if not m:
            i += 1
            continue
        indent, key, value = len(m.group(1)), m.group(2), m.group(3).strip()
        if key == "record":
            records.add(value.strip("'\""))
            i += 1
            continue
        if value in ("|", "|-", ">", ">-"):
            block, i = [], i + 1
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                block.append(lines[i].strip())
                i += 1
            exprs.append(" ".join(block))
        else:
            exprs.append(value.strip("'\""))
            i += 1
    return exprs, records

def dashboard_exprs(path):
    out = []
    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("expr"), str):
                out.append(node["expr"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(json.load(open(path)))
    return out

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "inf", "nan"}

def metric_names(expr):
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # string literals
    e = re.sub(r"\{[^}]*\}", "", e)                        # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                       # ranges and subqueries
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        tok, rest = m.group(0), e[m.end():].lstrip()
        if tok.lower() in KEYWORDS or rest.startswith("("):
            continue
        if m.start() > 0 and (e[m.start() - 1].isdigit() or e[m.start() - 1] == "."):
            continue                                       # 1e3, 0.5s
        names.add(tok)
    return names

used, records, where = set(), set(), {}
for f in sorted(os.listdir(here)):
    p = os.path.join(here, f)
    if re.search(r"rules.*\.ya?ml$", f):
        exprs, recs = rule_exprs(p)
        records |= recs
    elif f.endswith(".json"):
        exprs = dashboard_exprs(p)
    else:
        continue
    for x in exprs:
        for n in metric_names(x):
            used.add(n)
            where.setdefault(n, set()).add(f)

exported = set()
for f in os.listdir(scrapes):
    for line in open(os.path.join(scrapes, f)):
        if line and not line.startswith("#") and line.strip():
            exported.add(re.split(r"[{\s]", line, 1)[0])

synthesized = {"up"}
missing = sorted(n for n in used if ":" not in n and n not in synthesized and n not in exported)
undefined = sorted(n for n in used if ":" in n and n not in records)
for n in missing:
    print(f"MISSING: {n} (used in {', '.join(sorted(where[n]))}) is exported by no service")
for n in undefined:
    print(f"UNDEFINED: recording {n} (used in {', '.join(sorted(where[n]))}) is not in the rules")
if missing or undefined:
    sys.exit(1)
raw = sorted(n for n in used if ":" not in n and n not in synthesized)
print(f"ok: the {len(raw)} metric names used by the rules and the dashboard are all exported "
      f"({len(exported)} names read from {len(os.listdir(scrapes))} services): {' '.join(raw)}")
PY
