#!/usr/bin/env bash
# Compares the line-diff algorithms (tiersync's xdiff-compatible Myers, java-diff-utils, JGit
# HistogramDiff) with git diff --numstat on the same inputs. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -pl engine test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/engine/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx4g -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench-classpath.txt)" \
  dev.tiersync.engine.bench.DiffAlgorithmComparison
