"""One self-contained HTML file: data, Leaflet, our client and styles inlined."""
from __future__ import annotations

import base64
import re
from pathlib import Path

from ..data.layers import LayerList
from ..map.assets import ASSET_PREFIX, EDITING_ASSETS, QWEBCHANNEL_JS, resolve_asset
from ..map.layer_tiles import TILE_THRESHOLD
from ..map.page import build_page
from ..data.atomic_write import atomic_write_bytes

_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\((images/[^)]+)\)")


def _asset_text(url: str) -> str:
    path = resolve_asset(url.removeprefix(ASSET_PREFIX))
    if path is None:
        raise ValueError(f"page references an asset that is not bundled: {url}")
    return path.read_text(encoding="utf-8")


def _inline_script(match: re.Match) -> str:
    url = match.group(1)
    if url == QWEBCHANNEL_JS or url.removeprefix(ASSET_PREFIX) in EDITING_ASSETS:
        return ""  # no Qt and no editing outside the app; map.js works without either
    return "<script>" + _asset_text(url).replace("</script", "<\\/script") + "</script>"


def _inline_css(match: re.Match) -> str:
    url = match.group(1)
    if url.removeprefix(ASSET_PREFIX) in EDITING_ASSETS:
        return ""
    base = url.removeprefix(ASSET_PREFIX).rsplit("/", 1)[0]

    def data_uri(m: re.Match) -> str:
        image = resolve_asset(f"{base}/{m.group(1)}")
        if image is None:
            return "url()"
        return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode() + ")"

    return "<style>" + _CSS_URL.sub(data_uri, _asset_text(url)) + "</style>"


class TooLargeForHtml(ValueError):
    """A visible layer too big to inline in one page."""


def check_html_size(layers: LayerList) -> None:
    """A standalone page carries every feature inline, as folium does; past the
    tile threshold that page takes from seconds to minutes to draw
    (benchmarks/large_layer.py), so refuse rather than write a file that
    will not open."""
    for layer in layers:
        if layer.visible and layer.raster is not None:
            raise TooLargeForHtml(
                f"layer '{layer.id}' is a raster ({layer.raster.width:,} × {layer.raster.height:,} px), which a "
                "standalone HTML page does not carry; hide it, or export a PNG/PDF")
        if layer.visible and (layer.feature_count > TILE_THRESHOLD or layer.features is not None):
            raise TooLargeForHtml(
                f"layer '{layer.id}' has {layer.feature_count:,} features, more than a standalone HTML page can "
                f"carry ({TILE_THRESHOLD:,}); hide it, or export a PNG/PDF, or its data as GeoPackage")


def standalone_html(layers: LayerList, bounds=None, lang: str = "zh", title: str = "") -> str:
    check_html_size(layers)
    visible = LayerList([layer for layer in layers if layer.visible])
    html = build_page(visible, bounds=bounds, inline=True, lang=lang)
    html = _SCRIPT.sub(_inline_script, html)
    html = _STYLESHEET.sub(_inline_css, html)
    if title:
        from html import escape

        html = html.replace("<head>", f"<head>\n    <title>{escape(title)}</title>", 1)
    return html


def write_html(layers: LayerList, out: Path, bounds=None, lang: str = "zh", title: str = "") -> None:
    atomic_write_bytes(Path(out), standalone_html(layers, bounds, lang, title).encode("utf-8"))
