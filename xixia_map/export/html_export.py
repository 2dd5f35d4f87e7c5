"""One self-contained HTML file: data, Leaflet, our client and styles inlined."""
from __future__ import annotations

from ..data.errors import DataError
from ..data.messages import say

import base64
import re
from pathlib import Path

from ..data.layers import LayerList, RasterLayer
from ..map.assets import ASSET_PREFIX, EDITING_ASSETS, QWEBCHANNEL_JS, TEST_PROBES, resolve_asset
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
    if url == QWEBCHANNEL_JS or url.removeprefix(ASSET_PREFIX) in EDITING_ASSETS | {TEST_PROBES}:
        return ""  # no Qt, no editing and no test probes outside the app; the client works without them
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


class TooLargeForHtml(DataError):
    """A visible layer too big to inline in one page."""


def check_html_size(layers: LayerList) -> None:
    """A standalone page carries every feature inline, as folium does; past the
    tile threshold that page takes from seconds to minutes to draw
    (benchmarks/large_layer.py), so refuse rather than write a file that
    will not open."""
    for layer in layers:
        zh_title, en_title = layer.spec.title("zh"), layer.spec.title("en")
        if layer.visible and isinstance(layer, RasterLayer):
            raise TooLargeForHtml(None, say(
                f"the layer '{en_title}' is imagery or a DEM ({layer.raster.width:,} × {layer.raster.height:,} px), "
                "which a standalone HTML page does not carry: hide it, or export a PNG or PDF",
                f"图层“{zh_title}”是影像或高程（{layer.raster.width:,} × {layer.raster.height:,} 像素），"
                "单个网页无法携带：请先隐藏该图层，或导出 PNG、PDF"))
        if layer.visible and (layer.feature_count > TILE_THRESHOLD or layer.streamed):
            raise TooLargeForHtml(None, say(
                f"the layer '{en_title}' has {layer.feature_count:,} features, more than a standalone HTML page can "
                f"carry ({TILE_THRESHOLD:,}): hide it, or export a PNG or PDF, or its data as GeoPackage",
                f"图层“{zh_title}”有 {layer.feature_count:,} 个要素，超出单个网页能携带的 {TILE_THRESHOLD:,} 个："
                "请先隐藏该图层，或导出 PNG、PDF，或将其数据导出为 GeoPackage"))


def standalone_html(layers: LayerList, bounds=None, lang: str = "zh", title: str = "", basemap: dict | None = None) -> str:
    check_html_size(layers)
    visible = LayerList([layer for layer in layers if layer.visible])
    html = build_page(visible, bounds=bounds, inline=True, lang=lang, basemap=basemap)
    html = _SCRIPT.sub(_inline_script, html)
    html = _STYLESHEET.sub(_inline_css, html)
    if title:
        from html import escape

        html = html.replace("<head>", f"<head>\n    <title>{escape(title)}</title>", 1)
    return html


# The basemap tiles a standalone page may carry (base64 adds a third): past it the
# finer zooms are left out, and the export says so. 12 MB of tiles is ~600
# typical basemap tiles, a 1600 x 1000 view at its own zoom and two zooms in.
HTML_TILE_LIMIT = 12_000_000
HTML_ZOOMS = 3  # the zoom the extent fits, and this many minus one further in


def _data_uri(data: bytes) -> str:
    from ..map.tiles import sniff

    return f"data:{sniff(data) or 'image/png'};base64," + base64.b64encode(data).decode("ascii")


def embedded_basemap(basemaps, name: str, bounds, limit: int = HTML_TILE_LIMIT, width_px: int = 1600):
    """(page config with the tiles as data: URIs, the zooms carried, whether the limit cut any), or (None, [], False)."""
    import math

    import mercantile

    if basemaps is None or name in ("", "none") or bounds is None:
        return None, [], False
    source = basemaps.registry.get(name) or basemaps.services.get(name)
    if source is None:
        return None, [], False
    west, south, east, north = bounds
    fit = max(0, min(18, int(math.floor(math.log2(width_px * 360 / 256 / max(east - west, 1e-6))))))
    choice = basemaps.get(name)
    tiles, used, carried, cut = {}, 0, [], False
    for z in range(max(choice.min_native_zoom, fit - 1), min(choice.max_native_zoom, fit + HTML_ZOOMS - 1) + 1):
        level = {}
        for tile in mercantile.tiles(west, south, east, north, zooms=z):
            data = source.tile(tile.z, tile.x, tile.y)
            if data:
                level[f"{tile.z}/{tile.x}/{tile.y}"] = data
        size = sum(len(v) for v in level.values()) * 4 // 3
        if used + size > limit:
            cut = True
            break
        used += size
        carried.append(z)
        tiles.update({k: _data_uri(v) for k, v in level.items()})
    if not tiles:
        return None, [], cut
    config = {"url": "", "embedded": tiles, "maxNativeZoom": max(carried), "minNativeZoom": min(carried),
              "attribution": choice.attribution}
    return config, carried, cut


def write_html(layers: LayerList, out: Path, bounds=None, lang: str = "zh", title: str = "", *, basemaps=None,
               basemap: str = "none") -> list[str]:
    """Write the page; returns notes for the planner (the basemap zooms carried, any left out)."""
    config, zooms, cut = embedded_basemap(basemaps, basemap, bounds or _bounds_of(layers))
    notes = []
    if zooms:
        notes.append(f"底图已随文件保存第 {zooms[0]}–{zooms[-1]} 级" if lang == "zh"
                     else f"the basemap's zooms {zooms[0]}-{zooms[-1]} are carried in the file")
    if cut:
        notes.append(f"更细的底图级别超出 {HTML_TILE_LIMIT // 1_000_000} MB 的限制，未随文件保存" if lang == "zh"
                     else f"finer basemap zooms would pass the {HTML_TILE_LIMIT // 1_000_000} MB limit and are left out")
    atomic_write_bytes(Path(out), standalone_html(layers, bounds, lang, title, basemap=config).encode("utf-8"))
    return notes


def _bounds_of(layers: LayerList):
    visible = [layer for layer in layers if layer.visible]
    if not visible:
        return None
    boxes = [layer.bounds() for layer in visible]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
