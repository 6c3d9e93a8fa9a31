#!/usr/bin/env bash
# Sets up a fresh machine: installs missing system packages, restores and builds everything in Release.
# Idempotent: run it again after a pull.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# shellcheck source=setup.d/yt-dlp.sh
. scripts/setup.d/yt-dlp.sh
ensure_current_ytdlp

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (https://dot.net)"; exit 1; }

echo "setup: restoring and building (Release)"
dotnet build Plugins.sln -c Release -nologo -v quiet -clp:ErrorsOnly
echo "setup: done. Try: scripts/videobot plugins"
