#!/usr/bin/env bash
# The system tools the tests start for real, installed when missing (npm test runs this first).
#   redis-server   Debian package redis-server   (rate limits, cache, watch state across replicas)
#   chromium       Debian package chromium       (the explorer's browser tests, via playwright-core)
#   promtool       from Debian package prometheus (the alert rules: promtool check/test rules);
#                  unpacked into .tools/ rather than installed, because the package's postinst
#                  would start a Prometheus server.
#   xmllint        Debian package libxml2-utils  (JobLogService's XSD checked by libxml2's validator)
#   zeep           Debian package python3-zeep   (JobLogService called by Python's zeep); present
#                  when some python3 on PATH can import it (a pyenv or venv python3 first on PATH
#                  may lack it while the system one has it).
# Installs with apt-get as root, or through sudo when it works without a password. Otherwise it
# stops and prints the exact commands to run. It never skips a tool silently.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools"

SUDO=""
can_install=true
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    can_install=false
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then can_install=false; fi

missing_packages=()
command -v redis-server >/dev/null 2>&1 || missing_packages+=(redis-server)
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 &&
  ! command -v chromium-browser >/dev/null 2>&1; then
  missing_packages+=(chromium fonts-dejavu-core)
fi
command -v xmllint >/dev/null 2>&1 || missing_packages+=(libxml2-utils)
has_zeep=false
IFS=: read -r -a path_dirs <<<"${PATH}"
for dir in "${path_dirs[@]}"; do
  if [ -n "$dir" ] && [ -x "$dir/python3" ] && "$dir/python3" -c 'import zeep' >/dev/null 2>&1; then
    has_zeep=true
    break
  fi
done
[ "$has_zeep" = true ] || missing_packages+=(python3-zeep)
need_promtool=false
if ! command -v promtool >/dev/null 2>&1 && [ ! -x "$TOOLS/bin/promtool" ]; then
  need_promtool=true
fi

if [ ${#missing_packages[@]} -eq 0 ] && [ "$need_promtool" = false ]; then exit 0; fi

if [ "$can_install" = false ]; then
  echo "The tests need tools that are not installed. Run, as root:" >&2
  [ ${#missing_packages[@]} -gt 0 ] &&
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing_packages[*]}" >&2
  [ "$need_promtool" = true ] &&
    echo "  bash scripts/ensure-tools.sh   # (as root: unpacks promtool from Debian's prometheus package into .tools/)" >&2
  exit 1
fi

apt() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
if [ ${#missing_packages[@]} -gt 0 ]; then
  echo "ensure-tools: installing ${missing_packages[*]}" >&2
  apt -qq install -y --no-install-recommends "${missing_packages[@]}" >/dev/null 2>&1 ||
    { apt update -qq && apt install -y -qq --no-install-recommends "${missing_packages[@]}"; }
fi
if [ "$need_promtool" = true ]; then
  echo "ensure-tools: unpacking promtool from Debian's prometheus package into .tools/" >&2
  download="$(mktemp -d)"
  chmod 777 "$download"
  (cd "$download" && { apt download prometheus >/dev/null 2>&1 ||
    { apt update -qq && apt download prometheus; }; })
  rm -rf "$TOOLS/prometheus"
  mkdir -p "$TOOLS/prometheus" "$TOOLS/bin"
  dpkg-deb -x "$download"/prometheus_*.deb "$TOOLS/prometheus"
  ln -sf "$TOOLS/prometheus/usr/bin/promtool" "$TOOLS/bin/promtool"
  rm -rf "$download"
  "$TOOLS/bin/promtool" --version >/dev/null
fi
