#!/usr/bin/env bash
# The command line's cold start: wall time of `scripts/tiersync --version` and of
# `scripts/tiersync status` against the packaged app on a demo workspace, each a new JVM, median of
# RUNS runs (default 11), beside the same jar run as a bare `java -jar` (no start-up measures) and
# `skillmeat --version` (the SkillMeat CLI, in the venv that SKILLMEAT names, run with HOME set to
# an empty folder). Rewrites its section of docs/benchmarks.md; scripts/bench.sh runs it as a
# step. About a minute.
#
#   scripts/bench-cli.sh [RUNS]
#
# SKILLMEAT defaults to ~/.cache/tiersync/skillmeat-0.74-venv/bin/skillmeat; when it is missing its
# row says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-11}
skillmeat=${SKILLMEAT:-$HOME/.cache/tiersync/skillmeat-0.74-venv/bin/skillmeat}
report=docs/benchmarks.md
app_jar=app/target/tiersync-app.jar
cli_jar=cli/target/tiersync-cli.jar
work=$(mktemp -d "${TMPDIR:-/tmp}/tiersync-bench-cli.XXXXXX")
app_pid=""

cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== $(date +%H:%M:%S) $*" >&2; }

if [[ ! -f $app_jar || ! -f $cli_jar ]]; then
  step "build (mvn package)"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

step "start the app on a demo workspace"
# A port nothing listens on (bash's /dev/tcp connects, or fails when the port is free).
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 20000)); done
TIERSYNC_HOME=$work/home TIERSYNC_DEMO=true java -Xmx512m -jar "$app_jar" --server.port="$port" \
  >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { tail -20 "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
export TIERSYNC_URL=http://127.0.0.1:$port TIERSYNC_HOME=$work/home
project=$work/home/demo/projects/webapp

step "start-up archive (recorded once per build of the jar)"
scripts/tiersync --version >/dev/null
for _ in $(seq 1 120); do
  [[ -n $(find cli/target ~/.cache/tiersync -maxdepth 1 -name 'tiersync-cli*.jsa' -newer "$cli_jar" 2>/dev/null) ]] && break
  sleep 0.5
done

# Median, min and max wall time in ms of RUNS runs of a command (output discarded).
measure() {
  local times=() start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  mapfile -t times < <(printf '%s\n' "${times[@]}" | sort -n)
  echo "${times[$((runs / 2))]} ${times[0]} ${times[$((runs - 1))]}"
}
row() { # label, command shown, "median min max"
  read -r median min max <<<"$3"
  echo "| $1 | \`$2\` | **$median ms** | $min ms | $max ms |"
}

step "measure ($runs runs each)"
load=$(cut -d' ' -f1-3 /proc/loadavg)
version=$(measure scripts/tiersync --version)
status=$(measure scripts/tiersync status -p "$project")
bare_version=$(measure java -jar "$cli_jar" --version)
bare_status=$(measure java -jar "$cli_jar" status -p "$project")
if [[ -x $skillmeat ]]; then
  mkdir -p "$work/skillmeat-home"
  skillmeat_version=$(measure env HOME="$work/skillmeat-home" "$skillmeat" --version)
  skillmeat_label=$(HOME="$work/skillmeat-home" "$skillmeat" --version 2>/dev/null | head -1)
else
  skillmeat_version=""
fi

block=$work/section.md
{
  echo "<!-- cli: written by scripts/bench-cli.sh, kept by scripts/bench.sh -->"
  echo
  echo "\`scripts/bench-cli.sh\` ($(date -u '+%Y-%m-%d %H:%M UTC'), $runs runs each, load average $load at"
  echo "the start, $(nproc) cores): wall time of each command from start to exit, i.e. an upper bound on"
  echo "the time to first output, each run a new process. \`status\` asks the packaged app (embedded"
  echo "Temporal, demo workspace: 8 artifacts, both edges) over loopback; the server answers it in"
  echo "about 20-40 ms of that. Target: <= 500 ms to first output."
  echo
  echo "| what | command | median | min | max |"
  echo "|---|---|---|---|---|"
  row "tiersync --version" "scripts/tiersync --version" "$version"
  row "tiersync status" "scripts/tiersync status -p …" "$status"
  row "same jar, bare JVM" "java -jar cli/target/tiersync-cli.jar --version" "$bare_version"
  row "same jar, bare JVM" "java -jar cli/target/tiersync-cli.jar status -p …" "$bare_status"
  if [[ -n $skillmeat_version ]]; then
    row "SkillMeat ($skillmeat_label)" "skillmeat --version" "$skillmeat_version"
  else
    echo "| SkillMeat | \`skillmeat --version\` | not run: no $skillmeat | | |"
  fi
  echo
  echo "What \`scripts/tiersync\` adds to the bare JVM: an AppCDS archive of the classes a run loads"
  echo "(recorded once per build of the jar by \`tiersync warm-up\`), C1 only"
  echo "(\`-XX:TieredStopAtLevel=1\`), the serial collector and no perf data file; the CLI itself"
  echo "adds only the command a run names to the parser, reads JSON with Jackson's streaming parser"
  echo "(no \`ObjectMapper\`) and talks HTTP through \`HttpURLConnection\`. See"
  echo "[cli.md](cli.md#start-up)."
  echo
  echo "<!-- /cli -->"
} >"$block"

step "write $report"
start_marker='<!-- cli: written by scripts/bench-cli.sh, kept by scripts/bench.sh -->'
if grep -qF "$start_marker" "$report"; then
  awk -v blockfile="$block" -v start="$start_marker" '
    $0 == start { while ((getline line < blockfile) > 0) print line; skip = 1; next }
    skip && $0 == "<!-- /cli -->" { skip = 0; next }
    !skip { print }
  ' "$report" >"$work/report.md"
else
  awk -v blockfile="$block" '
    !done && ($0 == "## Soak" || $0 == "## Analysis") {
      print "## Command-line start-up"; print ""
      while ((getline line < blockfile) > 0) print line
      print ""; done = 1
    }
    { print }
    END { if (!done) { print ""; print "## Command-line start-up"; print ""; while ((getline line < blockfile) > 0) print line } }
  ' "$report" >"$work/report.md"
fi
cp "$work/report.md" "$report"
echo "wrote the command-line section of $report" >&2
