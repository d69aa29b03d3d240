#!/usr/bin/env bash
# Start a local PostgreSQL for the tests (Debian's package, listening on 127.0.0.1),
# installing it first when it is missing and we are root. On success, writes the
# test database URL to .venv/postgres-url; the PostgreSQL tests skip without it.
set -u
cd "$(dirname "$0")/.."
url_file=.venv/postgres-url
rm -f "$url_file"
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "postgres: not installed and not root: PostgreSQL tests will skip"; exit 0; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || { echo "postgres: could not install: PostgreSQL tests will skip"; exit 0; }
fi
if [ "$(id -u)" != 0 ]; then echo "postgres: not root, cannot start a server: PostgreSQL tests will skip"; exit 0; fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  v=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  pg_createcluster "$v" main >/dev/null || { echo "postgres: no cluster: tests will skip"; exit 0; }
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$status" != online ]; then
  pg_ctlcluster "$version" "$cluster" start || { echo "postgres: could not start: tests will skip"; exit 0; }
fi
as_pg() { su postgres -c "$1" >/dev/null 2>&1; }
as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='casualty'\" | grep -q 1 || psql -p $port -c \"CREATE ROLE casualty LOGIN PASSWORD 'casualty'\""
as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='casualty_test'\" | grep -q 1 || createdb -p $port -O casualty casualty_test"
echo "postgresql+psycopg://casualty:casualty@127.0.0.1:$port/casualty_test" > "$url_file"
echo "postgres: test database ready on 127.0.0.1:$port"
