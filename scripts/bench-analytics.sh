#!/usr/bin/env bash
# Insights (yunying bench analytics) against DuckDB (scripts/analytics-reference/duckdb_bench.py)
# on the same 10M events / 1M people, one thread each, best of 3: the ordered 4-step funnel
# page_view -> product_view -> add_to_cart -> order_paid (7-day window) and the weekly bounded
# retention matrix (ISO weeks in UTC). Checks that both answer the same (funnel counts,
# retention matrix and checksum) and prints the times and the speed-up.
#
#   scripts/bench-analytics.sh
#   SKIP_BUILD=1 BIN=path/to/yunying DATA=/tmp/analytics-bench scripts/bench-analytics.sh
#
# DATA (default /tmp/analytics-bench, keep it outside git) holds the column files; they are
# generated when missing and reused otherwise. PYTHON (default python3) needs
# scripts/analytics-reference/requirements.txt (numpy, pandas, duckdb).
set -euo pipefail

cd "$(dirname "$0")/.."
DATA=${DATA:-/tmp/analytics-bench}
PYTHON=${PYTHON:-python3}
REF=scripts/analytics-reference

if [[ -z "${SKIP_BUILD:-}" ]]; then
    swift build -c release --product yunying >&2
fi
BIN="${BIN:-$(swift build -c release --show-bin-path)/yunying}"
[[ -x "$BIN" ]] || { echo "error: no yunying binary at $BIN (build it, or set BIN=)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/yunying-bench-analytics.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

LOAD_START=$(uptime)
echo "load: $LOAD_START" >&2
echo "DuckDB reference (generates $DATA if missing)…" >&2
"$PYTHON" "$REF/duckdb_bench.py" --out "$DATA" --reuse --json >"$WORK/duckdb.json"
echo "Insights: $BIN bench analytics --data $DATA…" >&2
"$BIN" bench analytics --data "$DATA" --json >"$WORK/insights.json"
LOAD_END=$(uptime)

"$PYTHON" - "$WORK/duckdb.json" "$WORK/insights.json" <<'EOF'
import json, sys

duck = json.load(open(sys.argv[1]))
ins = json.load(open(sys.argv[2]))
ok = True
if duck["funnel"]["counts"] != ins["funnel"]["counts"]:
    print(f"MISMATCH funnel counts: duckdb {duck['funnel']['counts']} insights {ins['funnel']['counts']}")
    ok = False
if duck["retention"]["week"] != ins["retention"]["week"]:
    print(f"MISMATCH week rule: duckdb {duck['retention']['week']} insights {ins['retention']['week']}")
    ok = False
if duck["retention"]["checksum"] != ins["retention"]["checksum"]:
    print(f"MISMATCH retention checksum: duckdb {duck['retention']['checksum']} insights {ins['retention']['checksum']}")
    ok = False
if duck["retention"]["matrix"] != ins["retention"]["matrix"]:
    print("MISMATCH retention matrix")
    ok = False
if not ok:
    sys.exit(1)

print(f"{duck['events']:,} events, {duck['people']:,} people; DuckDB {duck['duckdb']} threads=1 vs Insights 1 thread; best of 3")
print(f"funnel counts {ins['funnel']['counts']} (equal); retention checksum {ins['retention']['checksum']} (equal, matrix equal)")
print()
print(f"{'question':34s} {'DuckDB s':>10s} {'Yunying s':>10s} {'speed-up':>9s}  DuckDB fastest formulation")
for key, label in (("funnel", "funnel ordered 4-step, 7 d"), ("retention", "retention weekly bounded")):
    d, y = duck[key]["best_s"], ins[key]["best_s"]
    print(f"{label:34s} {d:10.4f} {y:10.4f} {d / y:8.1f}×  {duck[key]['fastest']}")
f = ins["frame"]
print(f"{'Insights frame build':34s} {'':10s} {f['build_best_s']:10.4f}            "
      f"{f['bytes_per_event']:.2f} bytes/event ({f['bytes']:,} bytes, {f['sessions']:,} sessions)")
EOF
echo
echo "machine: $(nproc) cores; load before: ${LOAD_START##*load average: }; after: ${LOAD_END##*load average: }"
