"""A service's capabilities read into the layers a planner chooses from.

WMTS and WMS GetCapabilities are parsed by OWSLib (the OGC client QGIS's
MetaSearch and most Python GIS tools use); an ArcGIS REST MapServer's tiling
scheme is its `?f=json`. The document is fetched here, with a timeout and only
from an origin the planner allowed (map/service_tiles.py does the same for tiles),
and handed to OWSLib as bytes, so nothing reaches the network behind our back.
The document only asks the origin the planner entered (allowance.get: no
redirect followed); the tile origins it names are the planner's to allow too
(MapService.origins, shown by the service dialog).

Every failure is one DataError naming the address: not XML, an HTTP error
(403: a wrong key or no right; 500), no answer within the timeout, a tile
matrix set on a CRS the map cannot draw.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ..errors import DataError
from ..messages import say
from .model import CGCS2000, WEB_MERCATOR, MapService, Matrix

TIMEOUT_S = 10
MAX_DOCUMENT_BYTES = 20_000_000  # a national WMTS's capabilities are a few MB
METRES_PER_DEGREE = 2 * math.pi * 6378137.0 / 360  # WMTS's scale denominators use this for degrees
PIXEL_M = 0.28e-3  # WMTS's standardized rendering pixel
MERCATOR_ZOOM0_SCALE = 559082264.0287178  # GoogleMapsCompatible's scale denominator at zoom 0
GEOGRAPHIC = ("4490", "4326", "CRS84", "4610", "4214")
MERCATOR = ("3857", "900913", "102100", "102113", "3785")


@dataclass(frozen=True)
class ServiceLayer:
    """One choice: a layer with a style, on a tile matrix set, in a format."""
    identifier: str
    title: str
    style: str
    matrix_set: str
    grid: str
    fmt: str


def fetch(url: str, allowed: set[str] | frozenset[str], *, timeout: float = TIMEOUT_S) -> bytes:
    """The document at `url`, if its origin is one of `allowed` (allowance.origin_of's spelling);
    a redirect is not followed but said, with where it pointed."""
    import requests

    from .allowance import Refused, TooLarge, get, origin_of

    origin = origin_of(url) or url
    try:
        with requests.Session() as session:
            session.headers["User-Agent"] = "xixia-map"
            answer = get(session, url, allowed, timeout=timeout, max_bytes=MAX_DOCUMENT_BYTES)
    except Refused as refused:
        if refused.redirect_to is None:
            raise DataError(None, say(f"{origin} is not an allowed service: allow it first",
                                      f"{origin} 不在允许访问的地图服务中，请先允许该地址")) from None
        raise DataError(None, say(f"{origin} redirected the request to {refused.redirect_to}; redirects are not "
                                  "followed (enter that address and allow it, if it is the service)",
                                  f"{origin} 把请求转到了 {refused.redirect_to}，本软件不跟随转向"
                                  "（如确为该服务，请填写该地址并允许）")) from None
    except TooLarge:
        raise DataError(None, say(f"{origin} answered with more than {MAX_DOCUMENT_BYTES // 1_000_000} MB: "
                                  "not a capabilities document",
                                  f"{origin} 返回的内容超过 {MAX_DOCUMENT_BYTES // 1_000_000} MB，不是服务能力文档")) from None
    except requests.Timeout:
        raise DataError(None, say(f"{origin} did not answer within {timeout:.0f} s",
                                  f"{origin} 在 {timeout:.0f} 秒内没有响应")) from None
    except requests.RequestException as exc:
        raise DataError(None, say(f"cannot reach {origin} ({type(exc).__name__})",
                                  f"无法连接 {origin}（网络不通或地址有误）")) from None
    if answer.status_code == 403 or answer.status_code == 401:
        raise DataError(None, say(f"{origin} refused the request ({answer.status_code}: a wrong key, or no right)",
                                  f"{origin} 拒绝了请求（{answer.status_code}：密钥错误或没有权限）"))
    if answer.status_code >= 400:
        raise DataError(None, say(f"{origin} answered with an error ({answer.status_code})",
                                  f"{origin} 返回错误（{answer.status_code}）"))
    return answer.content


def _not_xml(url: str) -> DataError:
    return DataError(None, say(f"{url} did not answer with a capabilities document (not XML)",
                               f"{url} 返回的不是服务能力文档（不是 XML）"))


def _grid_of(crs: str) -> str | None:
    text = str(crs).upper()
    if any(code in text for code in MERCATOR):
        return WEB_MERCATOR
    if any(code in text for code in GEOGRAPHIC):
        return CGCS2000
    return None


def wmts_layers(url: str, xml: bytes) -> tuple[list[ServiceLayer], object]:
    """The layers of a WMTS, each on a tile matrix set the map can draw, and the parsed service."""
    from owslib.wmts import WebMapTileService

    if not xml.lstrip().startswith(b"<"):
        raise _not_xml(url)
    try:
        service = WebMapTileService(url, xml=xml)
    except Exception:
        raise _not_xml(url) from None
    found, unsupported = [], set()
    for identifier, content in service.contents.items():
        styles = list(content.styles) or ["default"]
        default = next((s for s, v in content.styles.items() if v.get("isDefault")), styles[0])
        formats = list(content.formats) or ["image/png"]
        for link in content.tilematrixsetlinks:
            tms = service.tilematrixsets.get(link)
            grid = _grid_of(tms.crs) if tms is not None else None
            if grid is None:
                unsupported.add(str(tms.crs if tms is not None else link))
                continue
            found.append(ServiceLayer(identifier, content.title or identifier, default, link, grid, formats[0]))
    if not found:
        crs = "、".join(sorted(unsupported)) or "—"
        raise DataError(None, say(f"{url}: no layer is on a CRS the map can draw (Web Mercator or CGCS2000 "
                                  f"lon/lat); it offers {crs}",
                                  f"{url}：没有可绘制的图层（只支持 Web 墨卡托或 CGCS2000 经纬度），服务提供的是 {crs}"))
    return found, service


def _matrix(matrix, grid: str) -> Matrix:
    scale = float(matrix.scaledenominator)
    if grid == CGCS2000:
        units = scale * PIXEL_M / METRES_PER_DEGREE
        first, second = (float(v) for v in matrix.topleftcorner)
        # EPSG:4490 and 4326 list latitude first; some servers write lon, lat: the pair that fits is taken.
        lon, lat = (second, first) if abs(first) <= 90 and abs(second) > 90 else (first, second)
    else:
        units = scale * PIXEL_M
        lon, lat = (float(v) for v in matrix.topleftcorner)
    return Matrix(str(matrix.identifier), units, (lon, lat), int(matrix.tilewidth))


def wmts_service(name: str, title: str, url: str, service, layer: ServiceLayer, *, attribution: str = "",
                 key: str = "") -> MapService:
    """A chosen WMTS layer as a service: its KVP GetTile template (or REST template) and levels."""
    from urllib.parse import urlencode

    tms = service.tilematrixsets[layer.matrix_set]
    levels = [_matrix(m, layer.grid) for m in tms.tilematrix.values()]
    content = service.contents[layer.identifier]
    rest = next((r["template"] for r in getattr(content, "resourceURLs", []) or []
                 if r.get("resourceType") == "tile"), None)
    if rest:
        template = (rest.replace("{TileMatrixSet}", layer.matrix_set).replace("{Style}", layer.style)
                    .replace("{TileMatrix}", "{m}").replace("{TileRow}", "{y}").replace("{TileCol}", "{x}"))
    else:
        try:
            base = service.getOperationByName("GetTile").methods[0]["url"]
        except Exception:
            base = url.split("?")[0]
        query = urlencode({"SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "LAYER": layer.identifier,
                           "STYLE": layer.style, "TILEMATRIXSET": layer.matrix_set, "FORMAT": layer.fmt})
        template = base + ("&" if "?" in base else "?") + query + "&TILEMATRIX={m}&TILEROW={y}&TILECOL={x}"
    if layer.grid == WEB_MERCATOR:
        zooms = [round(math.log2(MERCATOR_ZOOM0_SCALE / float(m.scaledenominator))) for m in tms.tilematrix.values()]
        return MapService(name, title, "wmts", template, WEB_MERCATOR, matrices=tuple(levels), min_zoom=min(zooms),
                          max_zoom=max(zooms), attribution=attribution, key=key)
    return MapService(name, title, "wmts", template, CGCS2000, matrices=tuple(levels), min_zoom=1,
                      max_zoom=18, attribution=attribution, key=key)


def wms_layers(url: str, xml: bytes) -> tuple[list[ServiceLayer], object]:
    from owslib.wms import WebMapService

    if not xml.lstrip().startswith(b"<"):
        raise _not_xml(url)
    try:
        service = WebMapService(url, xml=xml, version="1.3.0" if b'version="1.3.0"' in xml else "1.1.1")
    except Exception:
        raise _not_xml(url) from None
    formats = service.getOperationByName("GetMap").formatOptions or ["image/png"]
    fmt = next((f for f in formats if "png" in f), formats[0])
    found = []
    for identifier, layer in service.contents.items():
        crs = [str(c) for c in (getattr(layer, "crsOptions", None) or [])]
        grid = WEB_MERCATOR if any(_grid_of(c) == WEB_MERCATOR for c in crs) else (
            CGCS2000 if any(_grid_of(c) == CGCS2000 for c in crs) else None)
        if grid is not None and identifier:
            found.append(ServiceLayer(identifier, layer.title or identifier, "", "", grid, fmt))
    if not found:
        raise DataError(None, say(f"{url}: no layer offers Web Mercator or CGCS2000 lon/lat",
                                  f"{url}：没有图层提供 Web 墨卡托或 CGCS2000 经纬度坐标系"))
    return found, service


def wms_service(name: str, title: str, url: str, service, layer: ServiceLayer, *, transparent: bool = True,
                attribution: str = "") -> MapService:
    try:
        base = service.getOperationByName("GetMap").methods[0]["url"]
    except Exception:
        base = url.split("?")[0]
    return MapService(name, title, "wms", base, layer.grid, layer=layer.identifier, fmt=layer.fmt,
                      transparent=transparent, attribution=attribution)


def arcgis_service(name: str, title: str, url: str, text: bytes, *, attribution: str = "") -> MapService:
    """An ArcGIS REST MapServer's cache as tiles ({url}/tile/{z}/{y}/{x})."""
    try:
        info = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise DataError(None, say(f"{url} did not answer with an ArcGIS service description (not JSON)",
                                  f"{url} 返回的不是 ArcGIS 服务描述（不是 JSON）")) from None
    if "error" in info:
        raise DataError(None, say(f"{url}: the server refused ({info['error'].get('message', '')})",
                                  f"{url}：服务器拒绝了请求（{info['error'].get('code', '')}）"))
    tiles = info.get("tileInfo")
    if not tiles:
        raise DataError(None, say(f"{url} has no tile cache (a dynamic MapServer; add it as WMS instead)",
                                  f"{url} 没有切片缓存（动态服务，请按 WMS 添加）"))
    wkid = str((tiles.get("spatialReference") or {}).get("latestWkid") or (tiles.get("spatialReference") or {})
               .get("wkid"))
    grid = _grid_of(wkid)
    if grid is None:
        raise DataError(None, say(f"{url}: tiles on EPSG:{wkid}, which the map cannot draw",
                                  f"{url}：切片坐标系为 EPSG:{wkid}，地图无法绘制"))
    base = url.split("?")[0].rstrip("/")
    origin = tiles.get("origin") or {}
    lods = tiles.get("lods") or []
    top_left = (float(origin.get("x", -180)), float(origin.get("y", 90)))
    if grid == WEB_MERCATOR:
        zooms = [int(lod["level"]) for lod in lods] or [0, 18]
        return MapService(name, title, "arcgis", base + "/tile/{z}/{y}/{x}", WEB_MERCATOR, min_zoom=min(zooms),
                          max_zoom=max(zooms), attribution=attribution or info.get("copyrightText", ""))
    matrices = tuple(Matrix(str(lod["level"]), float(lod["resolution"]), top_left, int(tiles.get("rows", 256)))
                     for lod in lods)
    return MapService(name, title, "arcgis", base + "/tile/{m}/{y}/{x}", CGCS2000, matrices=matrices,
                      attribution=attribution or info.get("copyrightText", ""))
