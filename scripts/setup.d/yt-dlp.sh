#!/usr/bin/env bash
# Makes the yt-dlp on PATH current, from the best source this machine reaches (sourced by scripts/setup.sh):
#   1. PyPI: a project-local venv (.tools/yt-dlp) with yt-dlp[default,curl-cffi], which brings impersonation and the
#      EJS scripts YouTube needs; linked as /usr/local/bin/yt-dlp.
#   2. Otherwise Debian's trixie-backports package (pure Python, its dependencies all in bookworm), fetched through a
#      project-owned apt sources file so the system's own apt sources are never changed.
# A yt-dlp older than YTDLP_MIN is never left in place silently: the script ends with a loud warning.
# Idempotent: each path is skipped when the installed yt-dlp is already at least as new as what it would bring.

YTDLP_MIN="2026.10.01"
TOOLS="$PWD/.tools"

ytdlp_version() { yt-dlp --version 2>/dev/null | head -n 1 || true; }

# Versions are YYYY.MM.DD[.N]: sort -V orders them.
version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]; }

ytdlp_from_pypi() {
  curl -fsS --max-time 5 -o /dev/null https://pypi.org/simple/yt-dlp/ 2>/dev/null || return 1
  command -v python3 >/dev/null 2>&1 || return 1
  echo "setup: PyPI is reachable: yt-dlp[default,curl-cffi] in $TOOLS/yt-dlp"
  if [ ! -x "$TOOLS/yt-dlp/bin/python" ]; then
    python3 -m venv "$TOOLS/yt-dlp" || return 1
  fi
  "$TOOLS/yt-dlp/bin/python" -m pip install -q -U pip >/dev/null 2>&1 || true
  "$TOOLS/yt-dlp/bin/python" -m pip install -q -U "yt-dlp[default,curl-cffi]" || return 1
  "$TOOLS/yt-dlp/bin/yt-dlp" --version >/dev/null || return 1
  $SUDO ln -sf "$TOOLS/yt-dlp/bin/yt-dlp" /usr/local/bin/yt-dlp
  hash -r
}

ytdlp_from_backports() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local apt="$TOOLS/apt"
  mkdir -p "$apt/lists/partial" "$apt/archives/partial"
  echo "deb http://deb.debian.org/debian trixie-backports main" > "$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=-"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache::archives=$apt/archives" -o "APT::Get::List-Cleanup=0")
  $SUDO apt-get -qq "${opts[@]}" update >/dev/null 2>&1 || { echo "setup: trixie-backports is not reachable"; return 1; }
  local candidate
  candidate=$(apt-cache "${opts[@]}" show yt-dlp 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1)
  [ -n "$candidate" ] || return 1
  local upstream="${candidate%%-*}"
  local current; current=$(ytdlp_version)
  if [ -n "$current" ] && ! version_lt "$current" "$upstream"; then
    return 0
  fi
  echo "setup: installing yt-dlp $candidate from Debian trixie-backports"
  rm -f "$apt/archives"/yt-dlp_*.deb
  (cd "$apt/archives" && $SUDO apt-get -qq "${opts[@]}" download "yt-dlp=$candidate" 2>/dev/null) || return 1
  # The .deb's dependencies resolve from the system's own (bookworm) sources.
  local deb=("$apt/archives"/yt-dlp_*.deb)
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${deb[0]}" >/dev/null 2>&1; then
    # A machine whose package lists were never fetched cannot resolve the dependencies yet.
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${deb[0]}" >/dev/null || return 1
  fi
  hash -r
}

# A JS runtime for yt-dlp's YouTube challenges: a node >= 20 already here counts; otherwise deno from the npm registry
# (the package ships the binary), linked as /usr/local/bin/deno.
js_runtime() {
  if command -v deno >/dev/null 2>&1; then
    echo "setup: JS runtime: $(deno --version | head -n 1)"; return 0
  fi
  if command -v npm >/dev/null 2>&1; then
    if npm install --silent --no-fund --no-audit --prefix "$TOOLS/deno" deno@2 >/dev/null 2>&1 \
       && [ -x "$TOOLS/deno/node_modules/deno/deno" ]; then
      $SUDO ln -sf "$TOOLS/deno/node_modules/deno/deno" /usr/local/bin/deno
      hash -r
      echo "setup: JS runtime: $(deno --version | head -n 1)"; return 0
    fi
  fi
  local node_major
  node_major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p')
  if [ -n "$node_major" ] && [ "$node_major" -ge 20 ]; then
    echo "setup: JS runtime: node $(node --version)"; return 0
  fi
  echo "setup: WARNING: no JS runtime (deno, or node >= 20): YouTube will only partly work"
}

ensure_current_ytdlp() {
  mkdir -p "$TOOLS"
  ytdlp_from_pypi || ytdlp_from_backports || true
  local v; v=$(ytdlp_version)
  if [ -z "$v" ]; then
    echo "setup: WARNING: no yt-dlp could be installed: delegated platforms and the generic fallback will fail" >&2
  elif version_lt "$v" "$YTDLP_MIN"; then
    cat >&2 <<WARN
setup: ##########################################################################################
setup: WARNING: yt-dlp $v is older than $YTDLP_MIN. Against today's sites it fails on YouTube, TikTok,
setup: Instagram and X. Install a current one (pip install -U "yt-dlp[default,curl-cffi]") and set YtDlp:Path.
setup: ##########################################################################################
WARN
  else
    echo "setup: yt-dlp $v"
  fi
  js_runtime
}
