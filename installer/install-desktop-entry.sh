#!/usr/bin/env bash
# Add Xixia Map to the desktop's application menu, for this user, pointing at
# the folder this script is in (the unpacked XixiaMap/ bundle). Run it again
# after moving the folder.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
[ -x "$HERE/XixiaMap" ] || { echo "run this from the XixiaMap folder (no XixiaMap program beside it)" >&2; exit 1; }
mkdir -p "$APPS" "$ICONS"
cp "$HERE/xixia-map.svg" "$ICONS/xixia-map.svg"
# The shipped entry, with the program's absolute path, quoted for spaces.
sed -e "s|^Exec=.*|Exec=\"$HERE/XixiaMap\" run|" -e "s|^Icon=.*|Icon=$ICONS/xixia-map.svg|" \
  "$HERE/xixia-map.desktop" > "$APPS/xixia-map.desktop"
chmod +x "$APPS/xixia-map.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" || true
echo "added $APPS/xixia-map.desktop"
