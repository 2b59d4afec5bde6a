#!/usr/bin/env bash
# Order creation and flash-sale throughput on PostgreSQL with INSTANCES (2) servers sharing one
# schema, against pgbench running the hot-row update
#   UPDATE stock SET n = n - 1 WHERE id = 1 AND n > 0
# at the same connections, measured in the same run on the same machine.
#
#   scripts/bench-postgres.sh                     # the test database of scripts/test-postgres.sh
#   DATABASE_URL=postgres://u:p@host/db scripts/bench-postgres.sh
#   SKIP_BUILD=1 CONNECTIONS=128 DURATION=20 scripts/bench-postgres.sh
#
# Needs wrk, pgbench and psql (Debian: postgresql, postgresql-client), curl, jq, python3.
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15}
INSTANCES=${INSTANCES:-2}
FLASH_STOCK=${FLASH_STOCK:-1000}
CUSTOMERS=${CUSTOMERS:-2000}
SKU=PG-BENCH-1
FLASH_SKU=PG-FLASH-1

cd "$(dirname "$0")/.."
for tool in wrk pgbench psql curl jq python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done
ROOT_URL=${DATABASE_URL:-$(scripts/test-postgres.sh url)}
SCHEMA="yy_bench_$(date +%s)"
case "$ROOT_URL" in *\?*) DATABASE_URL="$ROOT_URL&schema=$SCHEMA" ;; *) DATABASE_URL="$ROOT_URL?schema=$SCHEMA" ;; esac
export DATABASE_URL

source scripts/lib/bench-server.sh
bench_binary
bench_workdir bench-postgres
trap 'bench_cleanup; psql -q "$ROOT_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true' EXIT INT TERM

# --- Reference: pgbench on one hot row, in the bench schema ------------------------------------
psql -q "$ROOT_URL" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.stock (id INT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO $SCHEMA.stock VALUES (1, 1000000000000)"
echo 'UPDATE stock SET n = n - 1 WHERE id = 1 AND n > 0;' >"$WORK/hot-row.sql"
echo "pgbench: hot-row update at $CONNECTIONS connections for $DURATION s…" >&2
PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$WORK/hot-row.sql" "$ROOT_URL" >"$WORK/pgbench.txt" 2>&1
PG_TPS=$(grep -Eo 'tps = [0-9.]+' "$WORK/pgbench.txt" | head -1 | awk '{printf "%.0f", $3}')

# --- Yunying: INSTANCES servers on the same schema ----------------------------------------------
bench_start_server
BASES=("$BASE")
for (( i = 1; i < INSTANCES; i++ )); do bench_start_instance; BASES+=("$INSTANCE_BASE"); done
api POST /api/v1/products "{\"title\":\"PG bench item\",\"skus\":[{\"code\":\"$SKU\",\"price\":1999},{\"code\":\"$FLASH_SKU\",\"price\":19900}]}" >/dev/null
api POST /api/v1/inventory/adjustments "{\"sku\":\"$SKU\",\"delta\":1000000,\"reason\":\"receipt\"}" >/dev/null
api POST /api/v1/inventory/adjustments "{\"sku\":\"$FLASH_SKU\",\"delta\":$((FLASH_STOCK * 2)),\"reason\":\"receipt\"}" >/dev/null

# wrk_all NAME SCRIPT PATH: one wrk per instance at once, the connections split between them; prints the summed requests/s.
wrk_all() {
    local name=$1 script=$2 path=$3 pids=() i
    for i in "${!BASES[@]}"; do
        wrk -t1 -c$((CONNECTIONS / INSTANCES)) -d"${DURATION}s" --latency -s "$script" "${BASES[$i]}$path" >"$WORK/$name-$i.txt" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}"
    cat "$WORK/$name"-*.txt | awk '/^Requests\/sec:/ { sum += $2 } END { printf "%.0f", sum }'
}
non2xx() { cat "$WORK/$1"-*.txt | awk '/Non-2xx/ { sum += $NF } END { print sum + 0 }'; }

echo "wrk: order creation on $INSTANCES instances, $CONNECTIONS connections, $DURATION s…" >&2
ORDER_RPS=$(YUNYING_KEY="$KEY" YUNYING_SKU="$SKU" wrk_all orders scripts/wrk-order.lua /api/v1/orders)
ORDER_ERRORS=$(non2xx orders)
STOCK_JSON=$(api GET "/api/v1/skus/$SKU/stock")
HELD=$(jq .held <<<"$STOCK_JSON")

bench_create_customers "$CUSTOMERS"
PROMO=$(api POST /api/v1/promotions "{\"name\":\"PG bench flash\",\"type\":\"flash_sale\",\"starts_at\":\"2000-01-01\",\"ends_at\":\"2100-01-01\",\"sku\":\"$FLASH_SKU\",\"price\":990,\"stock\":$FLASH_STOCK,\"per_customer_limit\":1}" | jq -r .id)
echo "wrk: flash sale on $INSTANCES instances, $CONNECTIONS connections, $DURATION s…" >&2
FLASH_RPS=$(ATTEMPTS=100000000 THREADS=1 CUSTOMERS=$CUSTOMERS KEY=$KEY PROMO=$PROMO wrk_all flash scripts/wrk-flash.lua /)
SOLD=$(api GET "/api/v1/promotions/$PROMO" | jq '.used.flash_sold')
FLASH_HELD=$(api GET "/api/v1/skus/$FLASH_SKU/stock" | jq '.held')

ratio() { python3 -c "print(f'{100 * $1 / $2:.1f}')"; }
cat <<TABLE

PostgreSQL: $INSTANCES instances, $CONNECTIONS connections in all, $DURATION s each.

| workload | per second | vs pgbench hot row |
|---|---:|---:|
| pgbench \`UPDATE stock SET n = n - 1 WHERE id = 1 AND n > 0\` (reference) | $PG_TPS | 100 % |
| Yunying POST /api/v1/orders, one hot SKU | $ORDER_RPS | $(ratio "$ORDER_RPS" "$PG_TPS") % |
| Yunying POST /api/v1/flash-sales/{id}/orders ($FLASH_STOCK units, then sold out) | $FLASH_RPS | $(ratio "$FLASH_RPS" "$PG_TPS") % |

Orders: non-2xx $ORDER_ERRORS, units held $HELD. Flash: sold $SOLD of $FLASH_STOCK, held $FLASH_HELD.
TABLE
if [[ "$SOLD" -ne "$FLASH_STOCK" || "$FLASH_HELD" -ne "$FLASH_STOCK" ]]; then echo "oversell check: FAILED" >&2; exit 1; fi
echo "oversell check: OK"
