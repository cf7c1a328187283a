#!/usr/bin/env bash
# Runs every benchmark and rewrites docs/benchmarks.md with the results of this one run:
# the engine (JMH, with git / sha256sum / tar as peers in the same run), the API of the packaged
# app against the embedded Temporal server and a real Temporal dev server, a 100 MiB sync with a
# small heap, the diff algorithm comparison (scripts/bench-diff.sh) and the command line's cold
# start against skillmeat --version (scripts/bench-cli.sh).
#
#   scripts/bench.sh           # the full run (about 15 minutes on 2 cores)
#   scripts/bench.sh --quick   # short runs to check the harness; numbers not for comparison
#
# BENCH_KEEP=1 keeps the work folder (app logs, raw JSON results). BENCH_JFR=1 also records a JFR
# profile of the embedded app under the API load into the work folder. BENCH_NOTE="..." adds a
# remark about the machine (e.g. that it was shared) to the report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=false
[[ ${1:-} == --quick ]] && quick=true

work=$(mktemp -d "${TMPDIR:-/tmp}/tiersync-bench.XXXXXX")
temporal_port=""
started=$(date +%s)

cleanup() {
  local pidfile
  for pidfile in "$work"/pids/*.pid; do
    [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  [[ -n $temporal_port ]] && scripts/temporal-server.sh stop "$temporal_port" || true
  if [[ ${BENCH_KEEP:-} == 1 ]]; then
    echo "work folder kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== $(date +%H:%M:%S) $*" >&2; }

step "build (mvn -Pbench package)"
mvn -B -q -Dstyle.color=never -Pbench -DskipTests package
cp="benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)"
jar=app/target/tiersync-app.jar
temporal_bin=$(scripts/temporal-server.sh build)

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "mode: $($quick && echo quick || echo full)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -n ${BENCH_NOTE:-} ]] && echo "note: $BENCH_NOTE"
} >"$work/run.txt"
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "cores: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "maven: $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
  echo "git: $(git --version)"
  echo "sha256sum: $(sha256sum --version | head -1)"
  echo "tar: $(tar --version | head -1)"
  echo "temporal: $("$temporal_bin" --version)"
} >"$work/versions.txt"

if $quick; then
  jmh_opts=(-wi 1 -w 1s -i 1 -r 1s)
  api_opts=(--requests 100 --e2e 5 --throughput 10)
else
  jmh_opts=(-wi 3 -w 2s -i 5 -r 2s)
  api_opts=(--requests 1000 --e2e 30 --throughput 100)
fi

jmh() {
  local out=$1
  shift
  java -cp "$cp" org.openjdk.jmh.Main -f 1 -jvmArgsAppend -Xmx1g -rf json -rff "$work/$out.json" "$@" \
    >"$work/$out.log" 2>&1 || { tail -40 "$work/$out.log" >&2; exit 1; }
}

step "engine benchmarks (JMH)"
jmh jmh "${jmh_opts[@]}" 'dev\.tiersync\.bench\.engine\.(Diff|Merge|Hash|PatchBundle)Benchmark\.'
# Status sets up 1,000 deployed artifacts per fork and one call takes about a second cold, so it
# runs apart, with its own iteration settings.
if $quick; then
  jmh jmh-status -wi 1 -w 1ms -i 1 -r 1ms 'dev\.tiersync\.bench\.engine\.StatusBenchmark\.'
  jmh jmh-fleet -wi 1 -w 1ms -i 1 -r 1ms 'dev\.tiersync\.bench\.engine\.FleetBenchmark\.'
else
  jmh jmh-status -wi 2 -w 2s -i 5 -r 2s 'dev\.tiersync\.bench\.engine\.StatusBenchmark\.'
  # The fleet (1,000 artifacts deployed to 10 projects) sets up for minutes: apart, like status.
  jmh jmh-fleet -wi 2 -w 2s -i 5 -r 2s 'dev\.tiersync\.bench\.engine\.FleetBenchmark\.'
fi

api() { java -Xmx512m -cp "$cp" dev.tiersync.bench.api.ApiBenchmark "$@" --jar "$jar" --work "$work"; }

step "API, embedded Temporal"
jfr_opts=()
[[ ${BENCH_JFR:-} == 1 ]] && jfr_opts=(--jfr "$work/app-embedded.jfr")
api api "${api_opts[@]}" "${jfr_opts[@]}" --out "$work/api-embedded.json"

step "API, Temporal dev server"
temporal_port=$(java -cp "$cp" dev.tiersync.bench.api.FreePort)
scripts/temporal-server.sh start "$temporal_port" "$work/temporal/temporal.db"
api api "${api_opts[@]}" --temporal "127.0.0.1:$temporal_port" --out "$work/api-real.json"
scripts/temporal-server.sh stop "$temporal_port"
temporal_port=""

step "drift watch pass and fleet API, 1,000 artifacts x 10 projects"
java -Xmx1g -cp "$cp" dev.tiersync.bench.api.WatchPassBenchmark --jar "$jar" --work "$work" \
  --passes "$($quick && echo 3 || echo 10)" --out "$work/watch.json"

step "100 MiB artifact with a 64 MiB heap"
api large --xmx 64m --out "$work/large.json"

if ! $quick; then
  step "diff algorithm comparison (scripts/bench-diff.sh)"
  scripts/bench-diff.sh >"$work/diff-algorithms.md"
fi

step "command-line start-up (scripts/bench-cli.sh; writes its own section, which the report keeps)"
if $quick; then scripts/bench-cli.sh 3; else scripts/bench-cli.sh; fi

elapsed=$(($(date +%s) - started))
echo "duration: $((elapsed / 60)) min $((elapsed % 60)) s" >>"$work/run.txt"
step "report"
java -cp "$cp" dev.tiersync.bench.report.BenchmarkReport "$work" docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2
