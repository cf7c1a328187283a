#!/usr/bin/env bash
# The soak benchmark: 500 real jobs (20 artifacts, 3 directions, 2 projects) against the packaged
# app on the embedded Temporal server, with random cancels and 3 kill -9 restarts, then checks that
# nothing was lost (see SoakBenchmark). Writes its section of docs/benchmarks.md; exits non-zero
# if a check failed. About 10 minutes on 2 cores.
#
#   scripts/soak.sh [JOBS] [SEED]
#
# SOAK_KEEP=1 keeps the work folder (app log, tiers, job store).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/tiersync-soak.XXXXXX")
cleanup() {
  local pidfile
  for pidfile in "$work"/pids/*.pid; do
    [[ -f $pidfile ]] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [[ ${SOAK_KEEP:-} == 1 ]]; then
    echo "work folder kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== $(date +%H:%M:%S) build (mvn -Pbench package)" >&2
mvn -B -q -Dstyle.color=never -Pbench -DskipTests package
cp="benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)"

echo "== $(date +%H:%M:%S) soak" >&2
java -Xmx512m -cp "$cp" dev.tiersync.bench.api.SoakBenchmark \
  app/target/tiersync-app.jar "$work" docs/benchmarks.md "${1:-500}" "${2:-7}"
