#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl on a free port in a temporary folder, trust
# authentication on 127.0.0.1 only (but for the role aw_password_user, which logs in with a password), nothing
# kept after `stop`.
#
#   scripts/test-postgres.sh start   creates and starts a cluster, prints AW_TEST_POSTGRES_URL=... and
#                                    AW_TEST_POSTGRES_DIR=... (the folder `stop` removes)
#   scripts/test-postgres.sh stop [DIR]   stops the cluster in DIR (default: $AW_TEST_POSTGRES_DIR) and removes DIR
#   scripts/test-postgres.sh env     prints the bin folder found, or fails when PostgreSQL is not installed
#
# As root the server runs as the `postgres` user (initdb refuses root). The bin folder is the one holding initdb:
# $PG_BIN, else `pg_config --bindir`, else initdb on PATH, else the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return; fi
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  echo "test-postgres: no PostgreSQL binaries (initdb) found; install the postgresql package or set PG_BIN" >&2
  return 1
}

# Runs a command as the cluster's owner: as root, the postgres user; otherwise the current user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; fi
  else
    "$@"
  fi
}

# A port nobody listens on, found with bash alone (a fresh machine may have no Python): a connection to it is refused.
free_port() {
  local port tries
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "test-postgres: no free port found" >&2
  return 1
}

cmd=${1:-}
case "$cmd" in
  env)
    find_bin
    ;;
  start)
    bin=$(find_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/aw-test-postgres.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --auth-host=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    # Trust for everyone on 127.0.0.1, except aw_password_user, which must give its password: the tests of
    # credentials read from the environment (and of a refused login) use it.
    cat >"$dir/data/pg_hba.conf" <<HBA
host all aw_password_user 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir/data/pg_hba.conf"; fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; exit 1; }
    echo "AW_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
    echo "AW_TEST_POSTGRES_DIR=$dir"
    ;;
  stop)
    dir=${2:-${AW_TEST_POSTGRES_DIR:-}}
    if [ -z "$dir" ] || [ ! -d "$dir" ]; then echo "test-postgres: no cluster folder given" >&2; exit 1; fi
    case "$dir" in */aw-test-postgres.*) ;; *) echo "test-postgres: $dir is not a test cluster folder" >&2; exit 1 ;; esac
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop [DIR] | env" >&2
    exit 2
    ;;
esac
