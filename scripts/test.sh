#!/usr/bin/env bash
# Runs the whole test suite against the Release build made by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Plugins.sln -c Release -nologo -v quiet -clp:ErrorsOnly

# CI keeps only the end of what a run prints, and a failure's lines sit among 1,500 passes;
# so the failures are printed again, whole, after the summary.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Plugins.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo
  echo "=== The failed tests again ==="
  awk '/^  Failed /{show=1} /^  (Passed|Skipped) /{show=0} show' "$log"
fi
exit "$status"
