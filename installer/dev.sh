#!/usr/bin/env bash
# Set up what Xixia Map needs on a Debian machine, then start the app or the tests.
#
#   bash installer/dev.sh app [xixia-map args]   # the map window on the bundled data
#   bash installer/dev.sh test [pytest args]     # ruff, mypy, then the whole test suite, headless
#
# Each step is skipped when already done, so repeated runs start in seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.xixia-installed"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

# Shared libraries QtWebEngine loads (offscreen and X11), the X11 platform plugin's
# xcb libraries, a CJK font (without one Chinese renders as empty boxes), and
# poppler-utils for the PDF export tests.
DEBIAN_PACKAGES=(
  libnss3 libnspr4 libxkbcommon0 libxkbcommon-x11-0 libxcomposite1 libxdamage1 libxrandr2
  libxtst6 libxkbfile1 libasound2 libgbm1 libegl1 libgl1 libfontconfig1 libdbus-1-3
  libxshmfence1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1
  fonts-noto-cjk fonts-wqy-microhei poppler-utils
)

# The tests' PostGIS server (tests/postgis_server.py starts a throwaway cluster
# from these binaries on a free loopback port and stops it at the end). Only the
# test command installs them; the app itself needs no server.
TEST_DEBIAN_PACKAGES=(postgresql postgresql-postgis)

say() { printf '[xixia-map] %s\n' "$*" >&2; }

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not Debian: install the Qt WebEngine libraries and a CJK font yourself"; return; }
  local missing=() wanted=("${DEBIAN_PACKAGES[@]}")
  [ "${1:-}" = test ] && wanted+=("${TEST_DEBIAN_PACKAGES[@]}")
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # npm fetches the Leaflet plugins (map/web_packages.py); any npm on PATH will do.
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "need root to install: ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local want
  # Keyed on the dependency lists only, so a pytest or packaging option does
  # not cost a reinstall.
  want="$(sed -n -e '/^dependencies = \[/,/^\]/p' -e '/^\[project.optional-dependencies\]/,/^\[/p' \
    "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  # Changed dependencies get a new venv: installing over the old one leaves
  # wheels the new pins no longer ask for (PySide6 6.12's split WebEngine wheel
  # stayed beside 6.11's Addons, both owning the same files).
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" != "$want" ]; then
    say "pyproject.toml changed: recreating $VENV"
    rm -rf "$VENV"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV" || { say "python venv failed: apt-get install python3-venv"; exit 1; }
  fi
  if [ ! -f "$STAMP" ]; then
    say "installing Python packages into .venv"
    # The filter drops pip's notes about unreachable local mirrors; errors still show.
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[test]" 2>&1 \
      | { grep -v "^WARNING: Location .* is ignored" || true; }
    # Render the map page's folium skeleton now, so the first start does not
    # (map/page_skeleton.py; ~0.3 s). Harmless if it fails: the app renders it.
    "$VENV/bin/python" -c "from xixia_map.map.page_skeleton import page_skeleton; page_skeleton()" || true
    echo "$want" > "$STAMP"
  fi
}

install_web_packages() {
  # Leaflet plugins from npm (map/web_packages.py): pinned, hash-checked, fetched once.
  "$VENV/bin/python" -m xixia_map.map.web_packages || say "continuing without them"
}

build_translations() {
  # Qt translations: .ts sources are committed, .qm files are built here.
  local ts qm
  for ts in "$ROOT"/resources/i18n/*.ts; do
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
    fi
  done
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

main() {
  local what="${1:-}"
  shift || true
  case "$what" in
    app|test) ;;
    *) echo "usage: bash installer/dev.sh app|test [args]" >&2; exit 2 ;;
  esac
  install_debian_packages "$what"
  install_python_packages
  install_web_packages
  build_translations
  cd "$ROOT"
  if [ "$what" = test ]; then
    # Lint and types first: seconds, where the suite takes minutes (config in pyproject.toml).
    "$VENV/bin/ruff" check . || { say "ruff found problems (above): fix them before the tests run"; exit 1; }
    "$VENV/bin/mypy" || { say "mypy found type errors (above): fix them before the tests run"; exit 1; }
    exec "$VENV/bin/python" -m pytest "$@"
  fi
  if ! has_display && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    mkdir -p "$ROOT/out"
    say "no display (DISPLAY unset): drawing the window offscreen to out/xixia-window.png instead"
    export QT_QPA_PLATFORM=offscreen
    exec "$VENV/bin/xixia-map" run --screenshot "$ROOT/out/xixia-window.png" "$@"
  fi
  exec "$VENV/bin/xixia-map" "$@"
}

main "$@"
