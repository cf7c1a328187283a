#!/usr/bin/env bash
# Compares the line-diff algorithms (tiersync's xdiff-compatible Myers, java-diff-utils, JGit
# HistogramDiff) with git diff --numstat on the same inputs. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -pl workflows,activities test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/activities/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx4g -cp "activities/target/test-classes:activities/target/classes:workflows/target/classes:$(cat activities/target/bench-classpath.txt)" \
  dev.tiersync.engine.bench.DiffAlgorithmComparison
