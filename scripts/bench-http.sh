#!/usr/bin/env bash
# HTTP benchmark: order creation (POST /api/v1/orders) against GET /healthz, measured with wrk
# in the same run on the same release server, so the ratio is meaningful on any machine.
#
#   scripts/bench-http.sh            # 64 connections, 2 threads, 15 s per endpoint
#   CONNECTIONS=128 DURATION=30s scripts/bench-http.sh
#   SKIP_BUILD=1 scripts/bench-http.sh   # reuse the release binary already built
#   SKIP_BUILD=1 BIN=path/to/yunying scripts/bench-http.sh
#
# Needs wrk (Debian/Ubuntu: apt-get install -y wrk), curl, jq and python3; sqlite3 is used if present.
# Installs nothing. Prints a markdown table for BENCHMARKS.md.
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
STOCK=${STOCK:-10000000}
SKU=BENCH-HTTP-1

cd "$(dirname "$0")/.."
for tool in wrk curl jq python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (Debian: apt-get install -y $tool)" >&2; exit 1; }
done

source scripts/lib/bench-server.sh
bench_binary
bench_workdir bench-http
bench_start_server

api POST /api/v1/products "{\"title\":\"HTTP bench item\",\"skus\":[{\"code\":\"$SKU\",\"price\":{\"amount\":1999,\"currency\":\"CNY\"}}]}" >/dev/null
# An adjustment moves at most 1,000,000 units: receive the stock in batches.
for (( left = STOCK; left > 0; left -= 1000000 )); do
    api POST /api/v1/inventory/adjustments "{\"sku\":\"$SKU\",\"delta\":$(( left < 1000000 ? left : 1000000 )),\"reason\":\"receipt\"}" >/dev/null
done

# run NAME wrk-args…: runs wrk, keeps its output in $WORK/NAME.txt and CPU figures in $WORK/NAME.cpu
run() {
    local name=$1; shift
    local before after start end
    echo "wrk: $name ($CONNECTIONS connections, $THREADS threads, $DURATION)…" >&2
    before=$(server_cpu); start=$(date +%s.%N)
    { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$WORK/$name.txt" 2>"$WORK/$name.err"; } 2>"$WORK/$name.wrkcpu"
    end=$(date +%s.%N); after=$(server_cpu)
    read -r wrk_user wrk_sys <"$WORK/$name.wrkcpu"
    awk -v b="$before" -v a="$after" -v s="$start" -v e="$end" -v wu="$wrk_user" -v ws="$wrk_sys" \
        'BEGIN { w = e - s; printf "%.0f %.0f\n", 100 * (a - b) / w, 100 * (wu + ws) / w }' >"$WORK/$name.cpu"
}

run healthz "$BASE/healthz"
YUNYING_KEY="$KEY" YUNYING_SKU="$SKU" run orders -s scripts/wrk-order.lua "$BASE/api/v1/orders"

# Figures from wrk's output: rps, a latency percentile in ms, requests, non-2xx, socket errors.
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/$1.txt"; }
pct() {
    awk -v p="$2%" '$1 == p {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
        printf "%.2f", v }' "$WORK/$1.txt"
}
requests() { awk '/requests in/ { print $1 }' "$WORK/$1.txt"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/$1.txt" | grep . || echo 0; }
errors() { awk '/Socket errors:/ { print }' "$WORK/$1.txt" | sed 's/^ *//' | grep . || echo "none"; }

H_RPS=$(rps healthz); O_RPS=$(rps orders)
H_P50=$(pct healthz 50); H_P99=$(pct healthz 99)
O_P50=$(pct orders 50); O_P99=$(pct orders 99)
RATIO=$(awk -v o="$O_RPS" -v h="$H_RPS" 'BEGIN { printf "%.1f", 100 * o / h }')
read -r H_SRV H_WRK <"$WORK/healthz.cpu"
read -r O_SRV O_WRK <"$WORK/orders.cpu"
O_OK=$(( $(requests orders) - $(non2xx orders) ))

# Holds: every created order holds one unit; nothing lost, nothing counted twice.
STOCK_JSON=$(api GET "/api/v1/skus/$SKU/stock")
HELD=$(jq -r .held <<<"$STOCK_JSON")
AVAILABLE=$(jq -r .available <<<"$STOCK_JSON")
METRIC=$(curl -sf "$BASE/metrics" | awk '/^yunying_orders_created_total/ { printf "%d", $NF }')
DB_ORDERS=""
if [[ -z "${DATABASE_URL:-}" ]] && command -v sqlite3 >/dev/null; then
    DB_ORDERS=$(sqlite3 -readonly "$WORK/bench.sqlite" "SELECT COUNT(*) FROM orders WHERE status = 'pending_payment'" 2>/dev/null || true)
fi

CORES=$(nproc)
cat <<REPORT

### HTTP: order creation vs /healthz ($(date -u +%Y-%m-%d), $CORES cores shared by wrk and the server)

wrk $THREADS threads, $CONNECTIONS connections, $DURATION per endpoint, loopback, release build, SQLite (WAL).

| endpoint | requests/s | p50 | p99 | server CPU | wrk CPU |
|---|---:|---:|---:|---:|---:|
| GET /healthz | $H_RPS | $H_P50 ms | $H_P99 ms | $H_SRV % | $H_WRK % |
| POST /api/v1/orders | $O_RPS | $O_P50 ms | $O_P99 ms | $O_SRV % | $O_WRK % |

Order creation = **$RATIO %** of /healthz requests/s (target ≥ 25 %, p99 ≤ 25 ms).
CPU is % of one core over the run (100 % = one core busy).

REPORT
echo "orders: $(requests orders) responses from wrk, $(non2xx orders) non-2xx; socket errors: $(errors orders)"
echo "healthz: $(requests healthz) responses, $(non2xx healthz) non-2xx; socket errors: $(errors healthz)"
echo "holds: held = $HELD, orders created (server metric) = ${METRIC:-?}, pending orders in DB = ${DB_ORDERS:-n/a}, 2xx seen by wrk = $O_OK, available = $AVAILABLE"
STATUS=0
if [[ "$HELD" != "${METRIC:-$HELD}" || ( -n "$DB_ORDERS" && "$HELD" != "$DB_ORDERS" ) ]]; then
    echo "MISMATCH: held stock does not equal the number of orders created" >&2; STATUS=1
fi
# wrk stops with requests in flight: those orders may be created without wrk counting the reply.
if (( HELD < O_OK || HELD > O_OK + CONNECTIONS )); then
    echo "MISMATCH: held ($HELD) is not within [$O_OK, $O_OK + $CONNECTIONS] (wrk 2xx + in flight)" >&2; STATUS=1
fi
(( STATUS == 0 )) && echo "holds check: OK (held == orders created)"
exit $STATUS
