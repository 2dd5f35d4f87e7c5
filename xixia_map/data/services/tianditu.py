"""The 天地图 preset: 矢量、影像、地形 with their annotation, on either grid, with the office's key.

The national node's WMTS, as its documentation lists it: layers vec/cva
(矢量/注记), img/cia (影像/注记), ter/cta (地形/注记); tile matrix set `w` (Web
Mercator) or `c` (CGCS2000 lon/lat), hosts t0…t7. No key is bundled: each office
applies for its own (天地图 key, `tk`). The provider's terms do not allow
keeping its tiles for offline use, so offline packages are refused for it. A
map based on it must carry the 审图号 the provider publishes for its service;
none is filled in here (this checkout has no source for the current one): the
sheet's 审图号 field is for the planner to fill.
"""
from __future__ import annotations

from .model import WEB_MERCATOR, MapService, Matrix

SUBDOMAINS = tuple(f"t{i}" for i in range(8))
KINDS = {"vec": ("天地图 矢量", "cva", "矢量注记"), "img": ("天地图 影像", "cia", "影像注记"),
         "ter": ("天地图 地形", "cta", "地形注记")}
ATTRIBUTION = "天地图"


def _template(layer: str, grid: str) -> str:
    suffix = "w" if grid == WEB_MERCATOR else "c"
    return (f"https://{{s}}.tianditu.gov.cn/{layer}_{suffix}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            f"&LAYER={layer}&STYLE=default&TILEMATRIXSET={suffix}&FORMAT=tiles"
            "&TILEMATRIX={m}&TILEROW={y}&TILECOL={x}&tk={key}")


def _geographic_levels() -> tuple[Matrix, ...]:
    """Set `c`: level n has 2^n x 2^(n-1) tiles of 256 px; 0.703125° per px at level 1."""
    return tuple(Matrix(str(n), 1.40625 / 2 ** n, (-180.0, 90.0), 256) for n in range(1, 19))


def _mercator_levels() -> tuple[Matrix, ...]:
    return tuple(Matrix(str(n), 156543.03392804097 / 2 ** n, (-20037508.342789244, 20037508.342789244), 256)
                 for n in range(1, 19))


def tianditu(kind: str, key: str, grid: str = WEB_MERCATOR, annotation: bool = True) -> list[MapService]:
    """The base layer of `kind` (vec, img, ter) and, if asked, its annotation, as services."""
    if not key.strip():
        raise ValueError("a 天地图 key is needed")
    title, note_layer, note_title = KINDS[kind]
    levels = _mercator_levels() if grid == WEB_MERCATOR else _geographic_levels()
    made = []
    for layer, name in ((kind, title), (note_layer, note_title)) if annotation else ((kind, title),):
        made.append(MapService(f"tianditu_{layer}_{'w' if grid == WEB_MERCATOR else 'c'}", name, "wmts",
                               _template(layer, grid), grid, matrices=levels, min_zoom=1, max_zoom=18,
                               subdomains=SUBDOMAINS, attribution=ATTRIBUTION,
                               offline_allowed=False, key=key.strip()))
    return made
