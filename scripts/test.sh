#!/usr/bin/env bash
# Runs the whole test suite against the Release build made by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Plugins.sln -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet test Plugins.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
