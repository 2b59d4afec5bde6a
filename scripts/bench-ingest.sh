#!/usr/bin/env bash
# Event ingestion end to end: POST /api/v1/events/batch over loopback (JSON, 1,000 events per
# request, CONNECTIONS concurrent clients, a write-only ingest key), every accepted event durable
# (answered after its transaction commits), counted back from the database after the run.
# References measured in the same run: Foundation's JSONDecoder decoding the same events into a
# plain Codable struct (one core), and Python's sqlite3 inserting rows.
#
#   scripts/bench-ingest.sh
#   CONNECTIONS=8 DURATION=20s SKIP_BUILD=1 BIN=path/to/yunying scripts/bench-ingest.sh
#
# Needs wrk, curl and python3 (Debian: apt-get install -y wrk curl).
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}

cd "$(dirname "$0")/.."
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (Debian: apt-get install -y $tool)" >&2; exit 1; }
done
source scripts/lib/bench-server.sh
bench_binary
bench_workdir bench-ingest

echo "references: JSONDecoder and sqlite3…" >&2
"$BIN" bench ingest --batches 100 >"$WORK/inprocess.txt"
DECODER=$(awk -F'= ' '/^reference: JSONDecoder/ { split($2, a, " "); print a[1] }' "$WORK/inprocess.txt")
SQLITE=$(python3 scripts/sqlite-insert-reference.py)

bench_start_server
INGEST_KEY=$("$BIN" keys create --role ingest --db "$DB" | tail -n 1)
for i in $(seq 0 49); do
    api POST /api/v1/products "{\"title\":\"Item $i\",\"skus\":[{\"code\":\"SKU-$i\",\"price\":1999}]}" >/dev/null
done
"$BIN" bench ingest --sample "$WORK/batch.json"

echo "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION…" >&2
before=$(server_cpu); start=$(date +%s.%N)
YUNYING_KEY="$INGEST_KEY" YUNYING_BODY="$WORK/batch.json" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk-ingest.lua "$BASE/api/v1/events/batch" >"$WORK/wrk.txt"
end=$(date +%s.%N); after=$(server_cpu)

ACCEPTED=$(awk '/^accepted events:/ { print $3 }' "$WORK/wrk.txt")
STORED=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM events").fetchone()[0])' "$DB")
RATE=$(awk -v n="$ACCEPTED" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
SERVER=$(awk -v b="$before" -v a="$after" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", 100 * (a - b) / (e - s) }')
P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
cat <<REPORT

### Event ingestion over HTTP ($(date -u +%Y-%m-%d), $(nproc) cores shared by wrk and the server, load before: $(cut -d' ' -f1 /proc/loadavg))

| figure | value |
|---|---:|
| events accepted per second (POST /api/v1/events/batch, 1,000 per request, $CONNECTIONS connections) | $RATE |
| accepted (answers wrk read) / rows in the database after the run | $ACCEPTED / $STORED |
| request p99 | $P99 |
| server CPU (% of one core) | $SERVER % |
| reference: JSONDecoder into a plain Codable struct, same events, one core | $DECODER |
| reference: Python sqlite3 inserting rows (executemany, one transaction) | $SQLITE |

REPORT
cat "$WORK/inprocess.txt"
grep -E "requests in|Non-2xx|Socket errors" "$WORK/wrk.txt" || true
# Requests still in flight when wrk stops are stored but never counted: at most one batch per connection.
(( STORED >= ACCEPTED && STORED - ACCEPTED <= CONNECTIONS * 1000 )) || { echo "error: accepted $ACCEPTED but stored $STORED" >&2; exit 1; }
