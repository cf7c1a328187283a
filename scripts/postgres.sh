#!/usr/bin/env bash
# A throw-away PostgreSQL for tests and trials, from Debian's postgresql package, kept in one folder.
#
#   scripts/postgres.sh start DIR   # initdb into DIR (when new), start, create the tiersync role and
#                                   # database, print SYNC_DB_URL=..., SYNC_DB_USER=...,
#                                   # SYNC_DB_PASSWORD=... lines on stdout
#   scripts/postgres.sh stop DIR    # stop the server kept in DIR (nothing when none runs)
#
# The server listens on 127.0.0.1 only, on a free port, and on a unix socket inside DIR; the
# tiersync role logs in over TCP with a password (scram-sha-256). initdb and postgres refuse to run
# as root, so as root the server runs as the package's `postgres` user, which then owns DIR (DIR
# itself must be reachable by that user: give a folder of its own, e.g. from mktemp -d).
# Starting a DIR whose server already runs prints its lines again.
set -euo pipefail

DB_NAME=tiersync
DB_USER=tiersync

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin;" \
      "install Debian's postgresql package (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$bin"
}

# Runs a command as the user who owns the server: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

owner_name() {
  if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi
}

print_settings() {
  local dir="$1"
  echo "SYNC_DB_URL=jdbc:postgresql://127.0.0.1:$(cat "$dir/port")/$DB_NAME"
  echo "SYNC_DB_USER=$DB_USER"
  echo "SYNC_DB_PASSWORD=$(cat "$dir/password")"
}

random_secret() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

running() {
  local bin="$1" dir="$2"
  [[ -f "$dir/data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

init() {
  local bin="$1" dir="$2"
  [[ -f "$dir/data/PG_VERSION" ]] && return 0
  local pwfile="$dir/superuser-password"
  random_secret >"$pwfile"
  random_secret >"$dir/password"
  chmod 600 "$pwfile" "$dir/password"
  [[ $(id -u) -eq 0 ]] && chown "$(owner_name)" "$pwfile" "$dir/password"
  # Local (socket) connections are trusted: the socket lies in DIR, which only the owner can enter.
  as_owner "$bin/initdb" -D "$dir/data" -U "$(owner_name)" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    echo "initdb failed; its output:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
  }
}

# Starts the server on a random port of 127.0.0.1, trying another when that one is taken: postgres
# itself binding it is the only check that cannot race with another process. A server started
# again in the same DIR first tries the port it had, so the URL printed before (and an app
# configured with it) stays right.
start_server() {
  local bin="$1" dir="$2" port previous=""
  [[ -f "$dir/port" ]] && previous=$(cat "$dir/port")
  for _ in $(seq 1 20); do
    port=${previous:-$((20000 + RANDOM % 40000))}
    previous=""
    if as_owner "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/postgres.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir'" >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      return 0
    fi
    if ! grep -q "could not bind\|Address already in use" "$dir/postgres.log"; then
      break
    fi
  done
  echo "PostgreSQL did not start in $dir; its log:" >&2
  tail -n 30 "$dir/postgres.log" >&2
  exit 1
}

create_database() {
  local bin="$1" dir="$2" port
  port=$(cat "$dir/port")
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$(owner_name)" -d postgres)
  if [[ -z $(as_owner "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") ]]; then
    as_owner "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$(cat "$dir/password")'"
    # Its own database, owned by the role, so the migrations may create tables in its public schema.
    as_owner "${psql[@]}" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
  fi
}

start() {
  local dir="$1" bin
  bin=$(pg_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "user postgres not found (Debian's postgresql package creates it)" >&2; exit 1; }
    chown -R postgres "$dir"
    chmod 700 "$dir"
    runuser -u postgres -- test -w "$dir" || {
      echo "$dir is not reachable by the postgres user: a folder above it is closed to others;" \
        "use a folder of its own (mktemp -d)" >&2
      exit 1
    }
  fi
  if ! running "$bin" "$dir"; then
    init "$bin" "$dir"
    start_server "$bin" "$dir"
    create_database "$bin" "$dir"
    echo "PostgreSQL running in $dir on 127.0.0.1:$(cat "$dir/port") (log $dir/postgres.log)" >&2
  fi
  print_settings "$dir"
}

stop() {
  local dir="$1" bin
  [[ -d "$dir/data" ]] || return 0
  bin=$(pg_bin)
  if running "$bin" "$dir"; then
    as_owner "$bin/pg_ctl" stop -w -D "$dir/data" -m fast >/dev/null
  fi
}

[[ $# -eq 2 ]] || usage
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
