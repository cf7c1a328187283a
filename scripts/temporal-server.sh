#!/usr/bin/env bash
# Builds the Temporal CLI from its Go module (once; cached) and runs a real Temporal dev server
# on loopback for the integration suite.
#
#   scripts/temporal-server.sh build                 # prints the path of the temporal binary
#   scripts/temporal-server.sh start PORT DBFILE     # starts it in the background, waits until ready
#   scripts/temporal-server.sh stop PORT             # stops the server started on PORT
#
# v1.5.1 is the newest tag of github.com/temporalio/cli without a replace directive, which
# `go install` refuses. The build takes about six minutes on a fresh machine.
set -euo pipefail

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
CACHE_DIR="${TIERSYNC_TOOLS_DIR:-$HOME/.cache/tiersync}/temporal-cli-$TEMPORAL_CLI_VERSION"
BIN="$CACHE_DIR/temporal"
RUN_DIR="${TMPDIR:-/tmp}/tiersync-temporal"

build() {
  if [[ ! -x "$BIN" ]]; then
    command -v go >/dev/null || { echo "go is required to build the Temporal CLI" >&2; exit 1; }
    mkdir -p "$CACHE_DIR"
    echo "building Temporal CLI $TEMPORAL_CLI_VERSION (cached in $CACHE_DIR) ..." >&2
    GOBIN="$CACHE_DIR" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  fi
  echo "$BIN"
}

start() {
  local port="$1" db="$2"
  build >/dev/null
  mkdir -p "$RUN_DIR" "$(dirname "$db")"
  local log="$RUN_DIR/server-$port.log"
  # Search attributes let operators filter jobs by artifact, direction and project in the UI.
  nohup "$BIN" server start-dev --headless --ip 127.0.0.1 --port "$port" \
    --db-filename "$db" --log-level warn \
    --search-attribute TiersyncArtifactIds=KeywordList \
    --search-attribute TiersyncDirection=Keyword \
    --search-attribute TiersyncProject=Keyword \
    --search-attribute TiersyncJobKind=Keyword \
    >"$log" 2>&1 &
  echo $! >"$RUN_DIR/server-$port.pid"
  for _ in $(seq 1 120); do
    if "$BIN" operator cluster health --address "127.0.0.1:$port" >/dev/null 2>&1; then
      echo "Temporal dev server ready on 127.0.0.1:$port (pid $(cat "$RUN_DIR/server-$port.pid"), log $log)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "Temporal dev server did not become ready; log:" >&2
  cat "$log" >&2
  exit 1
}

stop() {
  local port="$1" pidfile="$RUN_DIR/server-$1.pid"
  if [[ -f "$pidfile" ]]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}

case "${1:-}" in
  build) build ;;
  start) start "${2:?port}" "${3:?db file}" ;;
  stop) stop "${2:?port}" ;;
  *) echo "usage: $0 build | start PORT DBFILE | stop PORT" >&2; exit 2 ;;
esac
