#!/usr/bin/env bash
# Re-records the workflow histories replayed by WorkflowReplayTest. Only after a deliberate,
# versioned workflow change: the point of the replay test is to catch accidental ones.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl workflows test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/workflows/target/test-classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -cp "workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/test-classpath.txt)" \
  dev.tiersync.workflows.sync.HistoryRecorder workflows/src/test/resources/histories
