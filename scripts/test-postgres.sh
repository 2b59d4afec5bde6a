#!/usr/bin/env bash
# The local PostgreSQL the tests use (Debian's packaged server):
#   scripts/test-postgres.sh start   start the cluster, create role yunying and database yunying_test
#   scripts/test-postgres.sh url     print YUNYING_TEST_DATABASE_URL for it
set -euo pipefail
url="postgres://yunying:yunying@127.0.0.1:5432/yunying_test?sslmode=disable"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

case "${1:-}" in
  start)
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
    pg_lsclusters -h | grep -q "^$version main .* online" || pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do as_postgres "pg_isready -q" && break; sleep 1; done
    # The contract suite runs many tests at once, each on its own schema and connections.
    if [ "$(as_postgres "psql -qtAc 'SHOW max_connections'")" -lt 1000 ]; then
      as_postgres "psql -qc 'ALTER SYSTEM SET max_connections = 1000'"
      pg_ctlcluster "$version" main restart
      for _ in $(seq 1 30); do as_postgres "pg_isready -q" && break; sleep 1; done
    fi
    as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'yunying'\"" | grep -q 1 \
      || as_postgres "psql -qc \"CREATE ROLE yunying LOGIN PASSWORD 'yunying'\""
    as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'yunying_test'\"" | grep -q 1 \
      || as_postgres "createdb -O yunying yunying_test"
    echo "PostgreSQL $version ready: $url" >&2
    ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|url" >&2; exit 64 ;;
esac
