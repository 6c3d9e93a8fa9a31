#!/usr/bin/env bash
# Scaffolds a plugin folder from the templates in templates/: plugin.json (with $schema), the entry (extractor.js, or a C#
# project that builds into bin/), recorded fixtures and manifest tests that pass `videobot validate` out of the box.
#
#   scripts/new-plugin.sh ID --kind script|assembly [--domain HOST] [--dir FOLDER] [--no-build] [--no-validate]
#
# ID: 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit. FOLDER defaults to plugins/ID.
# The templates are installed into a private template cache, so nothing is added to your own `dotnet new` list.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

id="" kind="" domain="" dir="" build=1 validate=1
while [ $# -gt 0 ]; do
  case "$1" in
    --kind) kind="${2:-}"; shift 2 || usage ;;
    --kind=*) kind="${1#--kind=}"; shift ;;
    --domain) domain="${2:-}"; shift 2 || usage ;;
    --domain=*) domain="${1#--domain=}"; shift ;;
    --dir) dir="${2:-}"; shift 2 || usage ;;
    --dir=*) dir="${1#--dir=}"; shift ;;
    --no-build) build=0; shift ;;
    --no-validate) validate=0; shift ;;
    -h|--help) usage ;;
    -*) echo "new-plugin: unknown option $1" >&2; usage ;;
    *) [ -z "$id" ] || { echo "new-plugin: one ID only (got '$id' and '$1')" >&2; usage; }; id="$1"; shift ;;
  esac
done

[ -n "$id" ] || { echo "new-plugin: give the plugin's ID" >&2; usage; }
if ! [[ "$id" =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]]; then
  echo "new-plugin: '$id' is not a plugin id: 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit" >&2
  exit 2
fi
case "$kind" in
  script|assembly) ;;
  "") echo "new-plugin: give --kind script or --kind assembly" >&2; usage ;;
  *) echo "new-plugin: --kind must be script or assembly, not '$kind'" >&2; exit 2 ;;
esac
if [ -n "$domain" ] && ! [[ "$domain" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ ]]; then
  echo "new-plugin: '$domain' is not a lower-case host name such as my-site.com" >&2
  exit 2
fi

dir="${dir:-$root/plugins/$id}"
if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
  echo "new-plugin: $dir already exists and is not empty; nothing was changed" >&2
  exit 1
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
# plugin.json's $schema, the typings reference and the SDK project reference point back at this repository.
repo_root="$(realpath -m --relative-to="$dir" "$root")"

hive="$(mktemp -d "${TMPDIR:-/tmp}/videobot-templates-XXXXXX")"
trap 'rm -rf "$hive"' EXIT
template="videobot-$kind-plugin"
dotnet new install "$root/templates/$template" --debug:custom-hive "$hive" >/dev/null
args=(--id "$id" --repo-root "$repo_root" -o "$dir" --debug:custom-hive "$hive")
[ -z "$domain" ] || args+=(--domain "$domain")
if ! dotnet new "$template" "${args[@]}" >"$hive/new.log" 2>&1; then
  cat "$hive/new.log" >&2
  exit 1
fi
echo "new-plugin: created $dir ($kind plugin '$id')"

if [ "$kind" = assembly ] && [ "$build" = 1 ]; then
  echo "new-plugin: building $dir/src into $dir/bin"
  dotnet build "$dir/src" -c Release -nologo -v quiet -clp:ErrorsOnly
fi

exe="$root/host/bin/Release/net10.0/videobot"
if [ "$validate" = 1 ] && { [ "$kind" = script ] || [ "$build" = 1 ]; }; then
  if [ -x "$exe" ]; then
    "$exe" validate "$dir"
  else
    echo "new-plugin: the host is not built (scripts/setup.sh); then check it with: scripts/videobot validate $dir"
  fi
fi
