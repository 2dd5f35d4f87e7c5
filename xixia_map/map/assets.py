"""Local web assets, each from a package on disk; the page never names a CDN.

URLs are `xixia://app/assets/<name>`; `resolve_asset` maps a name back to a file
and refuses anything not listed here.
"""
from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

from .web_packages import GEOMAN

SCHEME = "xixia"
ORIGIN = f"{SCHEME}://app"
ASSET_PREFIX = f"{ORIGIN}/assets/"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"

_LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
_STATIC_DIR = Path(__file__).resolve().parent / "static"

ASSETS: dict[str, Path] = {
    "leaflet/leaflet.js": _LEAFLET_DIR / "leaflet.js",
    "leaflet/leaflet.css": _LEAFLET_DIR / "leaflet.css",
    **{f"leaflet/images/{p.name}": p for p in (_LEAFLET_DIR / "images").glob("*.png")},
    "xixia/map.js": _STATIC_DIR / "map.js",
    "xixia/bitmap_tiles.js": _STATIC_DIR / "bitmap_tiles.js",
    "xixia/map.css": _STATIC_DIR / "map.css",
    "xixia/editing.js": _STATIC_DIR / "editing.js",
    # Fetched from npm at install time (web_packages.py); absent files answer 404
    # and map.js then offers no polygon drawing.
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
