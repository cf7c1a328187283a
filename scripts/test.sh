#!/usr/bin/env bash
# Runs the whole test suite (every module's unit and integration tests). Exits non-zero on failure.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl app -am
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

exec mvn -B -ntp -Dstyle.color=never verify "$@"
