#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/XixiaMap/ and smoke-test it.
#
#   bash installer/build.sh
#
# Uses the project's .venv (set up as by installer/dev.sh), adds PyInstaller,
# freezes the app with installer/xixia_map.spec, copies the licence texts of
# every bundled package, then runs installer/smoke_test.py against the result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash installer/dev.sh test --co -q >/dev/null  # installs Debian packages, .venv and translations
PY="$ROOT/.venv/bin/python"
"$PY" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7" 2>&1 \
  | { grep -v "^WARNING: Location .* is ignored" || true; }
started=$(date +%s)
"$PY" installer/make_icon.py
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  installer/xixia_map.spec
"$PY" installer/collect_licenses.py "$ROOT/dist/XixiaMap/THIRD_PARTY_LICENSES"
cp installer/xixia-map.desktop installer/xixia-map.svg installer/install-desktop-entry.sh "$ROOT/dist/XixiaMap/"
elapsed=$(( $(date +%s) - started ))
size=$(du -sh "$ROOT/dist/XixiaMap" | cut -f1)
echo "[build] dist/XixiaMap: $size, built in ${elapsed}s"
"$PY" installer/smoke_test.py "$ROOT/dist/XixiaMap"
