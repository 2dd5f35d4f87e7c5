"""GeoJSON checked in Python before GDAL reads it.

GDAL turns every broken geometry into "no geometry" and says nothing of why.
Walking the document ourselves lets each feature's problem be named (text
coordinates, a one-point line, an unclosed ring), and lets an unclosed ring,
which CAD exports often write, be closed instead of dropped.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import shapely.geometry

from ..errors import DataError
from ..messages import Text, number, say

GEOJSON_TYPES = {"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
                 "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}
PRECHECK_LIMIT = 256 * 1024 * 1024  # larger files go to GDAL unchecked


@dataclass
class FeatureDiagnosis:
    """Per feature (in file order): its id if it has one, what is wrong with its
    geometry, and a repaired geometry where the repair is certain."""
    ids: list = field(default_factory=list)
    problems: dict[int, Text] = field(default_factory=dict)
    repaired: dict[int, object] = field(default_factory=dict)
    # RFC 7946 GeoJSON is always lon/lat, and GDAL says EPSG:4326 for any file;
    # but CAD and old tools write metres without a "crs" member. Such a file is
    # treated as one with no CRS, so its question is "which CRS", not "wrong CRS".
    declares_crs: bool = False
    features: list = field(default_factory=list, repr=False)

    def to_frame(self):
        """The features as a frame built in Python, for a file GDAL refuses whole
        (a number such as 1e400 stops its parser): usable geometries kept, the
        others empty so they are skipped and named like any other."""
        import geopandas as gpd

        rows, geometries = [], []
        for index, feat in enumerate(self.features):
            props = feat.get("properties") if isinstance(feat, dict) else None
            rows.append(dict(props) if isinstance(props, dict) else {})
            geometry = None
            if index in self.repaired:
                geometry = self.repaired[index]
            elif index not in self.problems:
                try:
                    geometry = shapely.geometry.shape(feat["geometry"])
                except Exception:  # shapely's own checks
                    self.problems[index] = say("geometry cannot be built", "无法构建几何")
            geometries.append(geometry)
        return gpd.GeoDataFrame(rows, geometry=geometries, crs=None)


class _Bad(Exception):
    def __init__(self, text: Text):
        self.text = text


def _position(pos) -> list[float]:
    if not isinstance(pos, list):
        raise _Bad(say(f"a position is {type(pos).__name__}, not a list of numbers",
                       f"坐标点不是数字列表（而是 {type(pos).__name__}）"))
    if len(pos) < 2:
        raise _Bad(say(f"a position has {len(pos)} number(s); it needs 2 (lon, lat)",
                       f"坐标点只有 {len(pos)} 个数，需要 2 个（经度、纬度）"))
    for value in pos[:3]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = str(value)[:20]
            raise _Bad(say(f"coordinates are text ('{shown}'), not numbers",
                           f"坐标是文字（“{shown}”），不是数字"))
        if not math.isfinite(value):
            raise _Bad(say(f"a coordinate is {number(float(value))}", f"有坐标为 {number(float(value))}"))
    return pos


def _line(coords, minimum: int, what_en: str, what_zh: str) -> list:
    if not isinstance(coords, list):
        raise _Bad(say(f"{what_en} coordinates are not a list", f"{what_zh}坐标不是列表"))
    for pos in coords:
        _position(pos)
    if len(coords) < minimum:
        raise _Bad(say(f"{what_en} has {len(coords)} point(s); it needs at least {minimum}",
                       f"{what_zh}只有 {len(coords)} 个点，至少需要 {minimum} 个"))
    return coords


def _ring(ring, fixes: list) -> list:
    _line(ring, 3, "a polygon ring", "多边形环")
    if ring[0][:2] != ring[-1][:2]:
        if len(ring) < 3:
            raise _Bad(say("a polygon ring has fewer than 3 points", "多边形环不足 3 个点"))
        fixes.append("closed")
        ring = ring + [ring[0]]
    if len(ring) < 4:
        raise _Bad(say(f"a polygon ring has {len(ring) - 1} distinct point(s); it needs at least 3",
                       f"多边形环只有 {len(ring) - 1} 个不同的点，至少需要 3 个"))
    return ring


def _geometry(geom, fixes: list, depth: int = 0) -> dict:
    if geom is None:
        raise _Bad(say("has no geometry (null)", "没有几何（null）"))
    if not isinstance(geom, dict):
        raise _Bad(say("geometry is not an object", "几何不是对象"))
    kind = geom.get("type")
    if kind == "GeometryCollection" and depth < 8:
        parts = geom.get("geometries")
        if not isinstance(parts, list):
            raise _Bad(say("GeometryCollection has no 'geometries' list", "几何集合缺少 geometries 列表"))
        return {"type": kind, "geometries": [_geometry(g, fixes, depth + 1) for g in parts]}
    coords = geom.get("coordinates")
    if kind not in GEOJSON_TYPES - {"FeatureCollection", "Feature", "GeometryCollection"}:
        shown = str(kind)[:30]
        raise _Bad(say(f"unknown geometry type '{shown}'", f"未知的几何类型“{shown}”"))
    if coords is None:
        raise _Bad(say(f"{kind} has no coordinates", f"{kind} 没有坐标"))
    if kind == "Point":
        _position(coords)
    elif kind == "MultiPoint":
        _line(coords, 1, "MultiPoint", "多点")
    elif kind == "LineString":
        _line(coords, 2, "a line", "线")
    elif kind == "MultiLineString":
        for part in _as_list(coords):
            _line(part, 2, "a line", "线")
    elif kind == "Polygon":
        coords = [_ring(r, fixes) for r in _as_list(coords)]
        if not coords:
            raise _Bad(say("polygon has no rings", "多边形没有环"))
    elif kind == "MultiPolygon":
        coords = [[_ring(r, fixes) for r in _as_list(poly)] for poly in _as_list(coords)]
    return {"type": kind, "coordinates": coords}


def _as_list(value) -> list:
    if not isinstance(value, list):
        raise _Bad(say("coordinates are not nested lists", "坐标不是嵌套列表"))
    return value


def _features(doc: dict) -> list:
    if doc["type"] == "FeatureCollection":
        return doc["features"]
    if doc["type"] == "Feature":
        return [doc]
    return [{"type": "Feature", "geometry": doc, "properties": {}}]


def _feature_id(feat, index):
    if isinstance(feat, dict):
        props = feat.get("properties")
        if isinstance(props, dict) and props.get("id") not in (None, ""):
            return props["id"]
        if feat.get("id") not in (None, ""):
            return feat["id"]
    return None


def precheck(path: Path, raw: bytes) -> FeatureDiagnosis:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(path, say(f"not UTF-8 text at byte {exc.start} (GeoJSON must be UTF-8; "
                                  "re-save the file as UTF-8)",
                                  f"第 {exc.start} 字节处不是 UTF-8 文本（GeoJSON 必须是 UTF-8，请另存为 UTF-8）")) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        unclosed = text.count("{") + text.count("[") > text.count("}") + text.count("]")
        at_end = exc.pos >= len(text.rstrip()) - 1
        truncated = unclosed or at_end
        raise DataError(path, say(
            f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg.rstrip(' at')})"
            + ("; the file looks truncated" if truncated else ""),
            f"第 {exc.lineno} 行第 {exc.colno} 列 JSON 格式错误" + ("，文件似乎不完整（被截断）" if truncated else ""))) from None
    except RecursionError:
        raise DataError(path, say("JSON is nested too deeply to be GeoJSON", "JSON 嵌套过深，不是 GeoJSON")) from None
    if not isinstance(doc, dict) or doc.get("type") not in GEOJSON_TYPES:
        raise DataError(path, say("JSON but not GeoJSON (no FeatureCollection/Feature 'type')",
                                  "是 JSON 但不是 GeoJSON（没有 FeatureCollection/Feature 类型）"))
    if doc["type"] == "FeatureCollection" and not isinstance(doc.get("features"), list):
        raise DataError(path, say("FeatureCollection has no 'features' list", "FeatureCollection 缺少 features 列表"))
    diagnosis = FeatureDiagnosis(declares_crs="crs" in doc, features=_features(doc))
    for index, feat in enumerate(diagnosis.features):
        diagnosis.ids.append(_feature_id(feat, index))
        fixes: list = []
        try:
            if not isinstance(feat, dict):
                raise _Bad(say("is not a GeoJSON Feature object", "不是 GeoJSON 要素对象"))
            fixed = _geometry(feat.get("geometry"), fixes)
        except _Bad as bad:
            diagnosis.problems[index] = bad.text
            continue
        except RecursionError:
            diagnosis.problems[index] = say("geometry is nested too deeply", "几何嵌套过深")
            continue
        if fixes:
            try:
                diagnosis.repaired[index] = shapely.geometry.shape(fixed)
            except Exception:  # shapely's own checks; the feature is reported instead
                diagnosis.problems[index] = say("polygon ring is not closed", "多边形环未闭合")
    return diagnosis
