#!/usr/bin/env bash
# Runs tiersync: builds the app jar when it is missing or older than the sources, then starts it.
# Arguments are passed to the application (e.g. --server.port=9090); JAVA_OPTS to the JVM.
# `scripts/run.sh agent` runs a host agent instead of the server (docs/agents.md).
# --demo (or TIERSYNC_DEMO=true) first seeds a demo workspace into $TIERSYNC_HOME/demo (a local
# upstream Git repository, a collection and a project showing every status) and uses it.
# UI: http://localhost:8080 (SERVER_PORT changes the port). Settings: docs/configuration.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jar=app/target/tiersync-app.jar

args=()
for arg in "$@"; do
  if [[ $arg == --demo ]]; then
    export TIERSYNC_DEMO=true
  else
    args+=("$arg")
  fi
done

needs_build() {
  [[ ! -f $jar || ! -f cli/target/tiersync-cli.jar ]] && return 0
  # Any pom or source file (or folder, which catches deletions) changed since the jar was built.
  [[ -n $(find pom.xml ./*/pom.xml ./*/src web-ui/index.html web-ui/package-lock.json -newer "$jar" -print -quit 2>/dev/null) ]]
}

if needs_build; then
  echo "Building tiersync (the first build downloads dependencies and takes a few minutes)..." >&2
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

read -r -a java_opts <<<"${JAVA_OPTS:-}"
if [[ ${TIERSYNC_DEMO:-} == true ]]; then
  echo "Demo mode: using the demo workspace in ${TIERSYNC_HOME:-~/.tiersync}/demo (created on first start)" >&2
fi
if [[ ${args[0]:-} == agent ]]; then
  echo "Starting a tiersync host agent (no web server; see docs/agents.md)" >&2
else
  echo "Starting tiersync on http://localhost:${SERVER_PORT:-8080}" >&2
fi
exec java "${java_opts[@]}" -jar "$jar" "${args[@]}"
