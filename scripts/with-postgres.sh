#!/usr/bin/env bash
# Run a command against a private, throw-away PostgreSQL server: `scripts/with-postgres.sh CMD ARGS...`.
#
# - Installs Debian's `postgresql` package if it is missing (needs root, as on CI).
# - Starts its own server (initdb in a temporary folder, a free TCP port on 127.0.0.1, socket in that folder),
#   so it never touches, nor clashes with, a cluster the machine already runs.
# - Creates the role and database `portal` (password `portal`, CREATEDB for pytest-django's test database),
#   exports PORTAL_TEST_DB=postgres and PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE/DATABASE_URL, runs CMD,
#   then stops the server and removes the folder whatever CMD's result. Exits with CMD's status.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL chưa được cài (cần gói Debian 'postgresql')." >&2
    exit 2
  fi
fi
PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")

# The server refuses to run as root: run it as the `postgres` system user then (created by the package).
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi

WORKDIR=$(mktemp -d /tmp/portal-pg.XXXXXX)
chmod 755 "$WORKDIR"
[ "$(id -u)" = 0 ] && chown postgres: "$WORKDIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORKDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORKDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability is irrelevant for a throw-away test server: skip fsync to save the shared CPUs' time.
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORKDIR/data" -l "$WORKDIR/server.log" -w \
  -o "-p $PORT -k $WORKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off" start >/dev/null

"${AS_PG[@]}" "$PGBIN/psql" -h "$WORKDIR" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE portal LOGIN CREATEDB PASSWORD 'portal'" -c "CREATE DATABASE portal OWNER portal"

export PORTAL_TEST_DB=postgres PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=portal PGPASSWORD=portal PGDATABASE=portal
export DATABASE_URL="postgres://portal:portal@127.0.0.1:$PORT/portal"
echo "PostgreSQL tạm thời: 127.0.0.1:$PORT (thư mục $WORKDIR)"
set +e
"$@"
status=$?
set -e
exit $status
