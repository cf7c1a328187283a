#!/usr/bin/env bash
# Installs the SkillMeat CLI from PyPI into a virtual environment (once; cached) and prints the
# path of its `skillmeat` executable. The integration suite drives the real CLI with it
# (SkillMeatInteropIT), never a re-implementation.
#
#   scripts/skillmeat.sh                 # prints e.g. ~/.cache/tiersync/skillmeat-0.74-venv/bin/skillmeat
#
# Needs Python 3.11 or newer with the venv module (Debian: python3-venv; .ci/run installs it).
# Always run the CLI with HOME set to a scratch folder: it keeps its collections, snapshots and
# cache under ~/.skillmeat.
set -euo pipefail

SKILLMEAT_VERSION="${SKILLMEAT_VERSION:-0.74}"
VENV="${TIERSYNC_TOOLS_DIR:-$HOME/.cache/tiersync}/skillmeat-$SKILLMEAT_VERSION-venv"
BIN="$VENV/bin/skillmeat"

if [[ ! -x "$BIN" ]] || ! "$VENV/bin/python" -c 'import skillmeat' >/dev/null 2>&1; then
  python="${PYTHON:-python3}"
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
    echo "SkillMeat $SKILLMEAT_VERSION needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
    exit 1
  }
  echo "installing skillmeat==$SKILLMEAT_VERSION into $VENV ..." >&2
  rm -rf "$VENV"
  "$python" -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "skillmeat==$SKILLMEAT_VERSION" >&2
fi

echo "$BIN"
