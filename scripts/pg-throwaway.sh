#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster from the installed server binaries on a free loopback port.
# Usage: source scripts/pg-throwaway.sh  → exports TEST_DATABASE_URL and PG_THROWAWAY_DIR;
#        pg_throwaway_stop removes it again.
set -euo pipefail

if ! command -v initdb >/dev/null 2>&1 && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "PostgreSQL server binaries missing: installing them from Debian's packages" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(dirname "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")
PG_BIN=$(dirname "$(readlink -f "$PG_BIN/initdb")")

PG_THROWAWAY_DIR=$(mktemp -d /tmp/hoidja-pg.XXXXXX)
PG_PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$PG_THROWAWAY_DIR"; fi
as_pg "$PG_BIN/initdb" -D "$PG_THROWAWAY_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export PG_THROWAWAY_DIR PG_BIN

pg_throwaway_stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_THROWAWAY_DIR"
}
