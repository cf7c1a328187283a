#!/usr/bin/env bash
# Checks docker-compose.yml the way `docker compose config` does, without a Docker engine: builds
# the Docker Compose v2 CLI from its Go module (once; cached) and runs its `config` command, which
# parses, validates and interpolates the file. Prints the resolved configuration as JSON.
#
#   scripts/compose-config.sh            # resolved config as JSON on stdout; non-zero if invalid
#
# The build takes a few minutes on a fresh machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

COMPOSE_VERSION="${COMPOSE_VERSION:-v2.29.7}"
CACHE_DIR="${TIERSYNC_TOOLS_DIR:-$HOME/.cache/tiersync}/docker-compose-$COMPOSE_VERSION"
BIN="$CACHE_DIR/cmd"

if [[ ! -x "$BIN" ]]; then
  command -v go >/dev/null || { echo "go is required to build Docker Compose" >&2; exit 1; }
  mkdir -p "$CACHE_DIR"
  echo "building Docker Compose $COMPOSE_VERSION (cached in $CACHE_DIR) ..." >&2
  GOBIN="$CACHE_DIR" GOFLAGS=-mod=mod go install "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION" >&2
fi

# The compose file refuses to start without tokens; any value shows the wiring.
TIERSYNC_API_TOKENS="${TIERSYNC_API_TOKENS:-compose-config-check}" \
  "$BIN" --project-directory . -f docker-compose.yml config --format json
