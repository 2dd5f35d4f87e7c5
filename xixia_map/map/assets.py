"""Local web assets, each from a package on disk; the page never names a CDN.

URLs are `xixia://app/assets/<name>`; `resolve_asset` maps a name back to a file
and refuses anything not listed here.
"""
from __future__ import annotations

import os
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

from .web_packages import GEOMAN

SCHEME = "xixia"
ORIGIN = f"{SCHEME}://app"
ASSET_PREFIX = f"{ORIGIN}/assets/"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"

_LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
_STATIC_DIR = Path(__file__).resolve().parent / "static"

# The page's client: Leaflet plugins, one concern a file, in the order the page
# loads them (each uses only those before it). No bundler: plain script tags.
CLIENT_SCRIPTS = (
    "xixia/bitmap_tiles.js",  # the canvas tile layer large layers are drawn into
    "xixia/style_rules.js",  # pure rules (tests/js runs them under node) ...
    "xixia/label_rules.js",
    "xixia/pane_order.js",
    "xixia/dom.js",  # ... then the plugins
    "xixia/panes.js",
    "xixia/bridge.js",
    "xixia/idle.js",
    "xixia/labels.js",
    "xixia/feature_layer.js",
    "xixia/filters.js",
    "xixia/tile_layers.js",
    "xixia/selection.js",
    "xixia/measure.js",
    "xixia/basemap.js",
    "xixia/refit.js",
    "xixia/context_menu.js",
    "xixia/swipe.js",  # 卷帘
    "xixia/crosshair.js",  # 分屏's cross-hair
    "xixia/client.js",  # the core that wires them
    "xixia/api.js",  # window.xixia, what Python calls
    "xixia/editing.js",  # the register's 编辑 mode (the app only)
)
# window.xixia's members only tests call: loaded only when they ask (test_probes_wanted).
TEST_PROBES = "xixia/test_probes.js"
TEST_PROBES_VARIABLE = "XIXIA_MAP_TEST_PROBES"

ASSETS: dict[str, Path] = {
    "leaflet/leaflet.js": _LEAFLET_DIR / "leaflet.js",
    "leaflet/leaflet.css": _LEAFLET_DIR / "leaflet.css",
    **{f"leaflet/images/{p.name}": p for p in (_LEAFLET_DIR / "images").glob("*.png")},
    **{name: _STATIC_DIR / name.removeprefix("xixia/") for name in CLIENT_SCRIPTS},
    "xixia/map.css": _STATIC_DIR / "map.css",
    TEST_PROBES: _STATIC_DIR / "test_probes.js",  # not in an installed bundle (installer/xixia_map.spec)
    # Fetched from npm at install time (web_packages.py); absent files answer 404
    # and editing.js then offers no polygon drawing.
    "geoman/leaflet-geoman.js": GEOMAN.folder / "leaflet-geoman.js",
    "geoman/leaflet-geoman.css": GEOMAN.folder / "leaflet-geoman.css",
}
# Only the app edits: an exported standalone page leaves these out.
EDITING_ASSETS = frozenset({"geoman/leaflet-geoman.js", "geoman/leaflet-geoman.css", "xixia/editing.js"})

CONTENT_TYPES = {
    ".js": "application/javascript", ".css": "text/css", ".png": "image/png",
    ".json": "application/json", ".geojson": "application/geo+json", ".html": "text/html",
    ".jpg": "image/jpeg", ".webp": "image/webp", ".svg": "image/svg+xml",
}


def asset_url(name: str) -> str:
    if name not in ASSETS:
        raise KeyError(name)
    return ASSET_PREFIX + name


def resolve_asset(name: str) -> Path | None:
    path = ASSETS.get(name)
    return path if path is not None and path.is_file() else None


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def page_js() -> list[tuple[str, str]]:
    """folium's class-level default_js/default_css, pointed at local files."""
    return [("leaflet", asset_url("leaflet/leaflet.js")), ("qwebchannel", QWEBCHANNEL_JS),
            ("geoman", asset_url("geoman/leaflet-geoman.js"))]


def page_css() -> list[tuple[str, str]]:
    return [("leaflet_css", asset_url("leaflet/leaflet.css")), ("geoman_css", asset_url("geoman/leaflet-geoman.css")),
            ("xixia_css", asset_url("xixia/map.css"))]


def test_probes_wanted() -> bool:
    """Whether the app's page loads TEST_PROBES: only when the tests (or the
    benchmarks) set XIXIA_MAP_TEST_PROBES=1; a planner's page never does."""
    return os.environ.get(TEST_PROBES_VARIABLE) == "1"
