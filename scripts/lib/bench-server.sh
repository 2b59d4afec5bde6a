# Shared by the HTTP benchmark scripts (source it after `cd` to the repository root):
# the release binary, a work directory removed on exit, and a Yunying server on a free port.
#
#   bench_binary               builds .build-release unless SKIP_BUILD is set; sets BIN (or honours BIN=)
#   bench_workdir NAME         sets WORK; everything started below is stopped on exit
#   bench_start_server         migrates the database ($WORK/bench.sqlite, or DATABASE_URL when set),
#                              creates an admin key (KEY), starts the server (SERVER_PID, BASE) and
#                              waits until /healthz answers
#   bench_start_instance       another server on the same database (sets INSTANCE_BASE, INSTANCE_PID)
#   api METHOD PATH [JSON]     a request with the admin key
#   bench_create_customers N   creates N customers ("Flash shopper 1", …) with the admin key, on one connection
#   server_cpu                 CPU seconds the server has used so far
#   free_port                  a free loopback port

bench_binary() {
    if [[ -z "${SKIP_BUILD:-}" ]]; then
        echo "building release binary (.build-release)…" >&2
        swift build -c release --scratch-path .build-release --product yunying >&2
    fi
    BIN="${BIN:-$(swift build -c release --scratch-path .build-release --show-bin-path)/yunying}"
}

BENCH_PIDS=()
bench_workdir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/yunying-$1.XXXXXX")
    trap bench_cleanup EXIT INT TERM
}

bench_cleanup() {
    for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${BENCH_PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bench_database_args() {
    if [[ -n "${DATABASE_URL:-}" ]]; then echo "--database-url $DATABASE_URL"; else echo "--db $WORK/bench.sqlite"; fi
}

bench_start_server() {
    # shellcheck disable=SC2046
    "$BIN" migrate $(bench_database_args) >/dev/null
    # shellcheck disable=SC2046
    KEY=$("$BIN" keys create --role admin $(bench_database_args) | tail -n 1)
    bench_start_instance
    BASE=$INSTANCE_BASE
    SERVER_PID=$INSTANCE_PID
}

bench_start_instance() {
    local port log
    port=$(free_port)
    log="$WORK/serve-$port.log"
    INSTANCE_BASE="http://127.0.0.1:$port"
    # shellcheck disable=SC2046
    "$BIN" serve $(bench_database_args) --port "$port" --log-level warning >"$log" 2>&1 &
    INSTANCE_PID=$!
    BENCH_PIDS+=("$INSTANCE_PID")
    for _ in $(seq 300); do
        curl -sf -o /dev/null "$INSTANCE_BASE/healthz" && return 0
        kill -0 "$INSTANCE_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    echo "server not healthy after 30 s" >&2; cat "$log" >&2; exit 1
}

api() { # method path [json]
    curl -sS -f -X "$1" "$BASE$2" -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" ${3:+--data "$3"}
}

bench_create_customers() { # count
    python3 - "$BASE" "$KEY" "$1" <<'PY'
import http.client, json, sys
base, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = base.replace("http://", "").split(":")
conn = http.client.HTTPConnection(host, int(port))
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
for i in range(count):
    conn.request("POST", "/api/v1/customers", json.dumps({"name": f"Flash shopper {i + 1}"}), headers)
    response = conn.getresponse(); response.read()
    assert response.status == 201, response.status
PY
}

server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"; }
