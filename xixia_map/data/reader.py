"""Read any supported vector file into a GeoDataFrame in EPSG:4326.

Every failure becomes a DataError that names the file and the problem in
words a planner can act on; no library traceback reaches the user.
"""
from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .errors import DataError
from .tabular import read_table, table_to_points

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".csv", ".xlsx", ".fgb"}
_JSON_SUFFIXES = {".geojson", ".json"}
_GEOJSON_TYPES = {"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
                  "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}
_JSON_PRECHECK_LIMIT = 256 * 1024 * 1024


class MissingCrsError(DataError):
    """Projected-looking coordinates and no CRS: the caller may ask the user and retry
    with `assume_crs`. `guesses` lists candidates from the coordinate ranges."""

    def __init__(self, path, problem: str, bounds, guesses):
        super().__init__(path, problem)
        self.bounds = bounds
        self.guesses = guesses


class Cancelled(Exception):
    """The user cancelled a long read."""


@dataclass
class ReadReport:
    """What reading changed or noticed, for the user to see."""

    repaired: list[str] = field(default_factory=list)
    assumed_crs: str | None = None
    source_crs: str | None = None
    encoding: str | None = None

    def summary(self) -> str:
        parts = []
        if self.source_crs:
            parts.append(f"CRS {self.source_crs}")
        if self.assumed_crs:
            parts.append(f"no CRS in file, assumed {self.assumed_crs}")
        if self.encoding:
            parts.append(f"attribute text decoded as {self.encoding}")
        if self.repaired:
            shown = ", ".join(self.repaired[:5]) + (" …" if len(self.repaired) > 5 else "")
            parts.append(f"{len(self.repaired)} invalid geometries repaired ({shown})")
        return "; ".join(parts)


def _precheck_json(path: Path, raw: bytes) -> None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not UTF-8 text at byte {exc.start} (GeoJSON must be UTF-8; "
                              "re-save the file as UTF-8)") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        unclosed = text.count("{") + text.count("[") > text.count("}") + text.count("]")
        at_end = exc.pos >= len(text.rstrip()) - 1
        hint = "; the file looks truncated" if unclosed or at_end else ""
        raise DataError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno} "
                              f"({exc.msg.rstrip(' at')}){hint}") from None
    except RecursionError:
        raise DataError(path, "JSON is nested too deeply to be GeoJSON") from None
    if not isinstance(doc, dict) or doc.get("type") not in _GEOJSON_TYPES:
        raise DataError(path, "JSON but not GeoJSON (no FeatureCollection/Feature 'type')")
    if doc["type"] == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise DataError(path, "FeatureCollection has no 'features' list")
        for index, feat in enumerate(features):
            if not isinstance(feat, dict) or feat.get("geometry") is None:
                props = feat.get("properties") if isinstance(feat, dict) else None
                ident = (props or {}).get("id", index) if isinstance(props, dict) else index
                raise DataError(path, "has no geometry", feature=ident)


def _vsi_path(path: Path) -> str:
    if path.suffix.lower() != ".zip":
        return str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise DataError(path, "not a valid ZIP archive") from None
    shapefiles = [n for n in names if n.lower().endswith(".shp")]
    vectors = shapefiles or [n for n in names if Path(n).suffix.lower() in VECTOR_SUFFIXES - {".zip"}]
    if not vectors:
        raise DataError(path, "ZIP archive holds no shapefile or other vector file")
    return f"/vsizip/{path}/{vectors[0]}"


CHUNKED_SUFFIXES = {".gpkg", ".shp", ".fgb", ".zip"}  # formats with cheap random access
CHUNK_FEATURES = 20_000


def _read_chunked(source: str, layer, encoding, progress, cancelled) -> gpd.GeoDataFrame:
    total = pyogrio.read_info(source, layer=layer, encoding=encoding)["features"]
    parts, done = [], 0
    while done < max(total, 1):
        if cancelled and cancelled():
            raise Cancelled()
        parts.append(pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                            skip_features=done, max_features=CHUNK_FEATURES))
        done += CHUNK_FEATURES
        progress(min(done, total), total)
        if len(parts[-1]) < CHUNK_FEATURES:
            break
    frame = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=parts[0].geometry.name, crs=parts[0].crs)


def _read_with_gdal(path: Path, layer=None, encoding=None, progress=None, cancelled=None) -> gpd.GeoDataFrame:
    source = _vsi_path(path)
    try:
        if progress and path.suffix.lower() in CHUNKED_SUFFIXES:
            return _read_chunked(source, layer, encoding, progress, cancelled)
        frame = pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore")
        if cancelled and cancelled():
            raise Cancelled()
        return frame
    except (DataError, Cancelled):
        raise
    except pyogrio.errors.DataSourceError as exc:
        raise DataError(path, f"not a readable vector file ({_short(exc)})") from None
    except pyogrio.errors.DataLayerError as exc:
        raise DataError(path, f"cannot read layer ({_short(exc)})") from None
    except Exception as exc:  # GDAL surfaces many error types for damaged files
        raise DataError(path, f"cannot read file ({type(exc).__name__}: {_short(exc)})") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def list_layers_of(path) -> list[str]:
    """Layer names inside a multi-layer source (GeoPackage, KML), to let the user choose."""
    path = Path(path)
    try:
        return [str(name) for name, _ in pyogrio.list_layers(_vsi_path(path))]
    except DataError:
        raise
    except Exception as exc:
        raise DataError(path, f"cannot list layers ({_short(exc)})") from None


def _raw_frame(path: Path, layer, report: ReadReport, progress=None, cancelled=None) -> gpd.GeoDataFrame:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx", ".xls", ".txt"):
        return table_to_points(path, read_table(path))
    if suffix in _JSON_SUFFIXES and path.stat().st_size <= _JSON_PRECHECK_LIMIT:
        _precheck_json(path, path.read_bytes())
    encoding = None
    if suffix == ".shp":
        _check_shapefile_parts(path)
        encoding = shapefile_encoding(path)
    elif suffix == ".zip":
        encoding = _zipped_shapefile_encoding(path)
    report.encoding = encoding
    return _read_with_gdal(path, layer, encoding, progress, cancelled)


def _guess_text_encoding(dbf: bytes) -> str | None:
    """UTF-8 if the DBF's bytes decode as UTF-8 with some non-ASCII, else GB18030 if they
    decode as that; None when the text is plain ASCII (any encoding reads it)."""
    body = dbf[32:]
    if body.isascii():
        return None
    try:
        body.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        body.decode("gb18030")
        return "GB18030"
    except UnicodeDecodeError:
        return None


def shapefile_encoding(path: Path) -> str | None:
    """Honour a .cpg (GDAL reads it); without one, detect UTF-8 or GBK/GB18030."""
    if any(path.with_suffix(s).exists() for s in (".cpg", ".CPG")):
        return None
    dbf = next((path.with_suffix(s) for s in (".dbf", ".DBF") if path.with_suffix(s).exists()), None)
    return _guess_text_encoding(dbf.read_bytes()) if dbf else None


def _zipped_shapefile_encoding(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            stems = {n.rsplit(".", 1)[0] for n in names if n.lower().endswith(".shp")}
            if not stems or any(n.lower().endswith(".cpg") for n in names):
                return None
            dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
            return _guess_text_encoding(archive.read(dbf)) if dbf else None
    except zipfile.BadZipFile:
        return None


def _check_shapefile_parts(path: Path) -> None:
    for part in (".shx", ".dbf"):
        if not any(path.with_suffix(s).exists() for s in (part, part.upper())):
            raise DataError(path, f"shapefile is missing its {part} companion file")


def looks_geographic(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def _normalise_crs(path: Path, frame: gpd.GeoDataFrame, report: ReadReport, assume_crs=None) -> gpd.GeoDataFrame:
    bounds = frame.total_bounds
    if frame.crs is None and assume_crs is not None:
        frame = frame.set_crs(assume_crs)
        report.assumed_crs = str(assume_crs)
        converted = frame.to_crs(4326)
        if not looks_geographic(converted.total_bounds):
            raise DataError(path, f"coordinates do not fit {assume_crs}")
        return converted
    if frame.crs is None:
        if not looks_geographic(bounds):
            from .crs_inference import guess_crs

            raise MissingCrsError(
                path, f"coordinates out of range for lon/lat (x {bounds[0]:.0f}…{bounds[2]:.0f}, "
                      f"y {bounds[1]:.0f}…{bounds[3]:.0f}); these look like projected metres "
                      "and the file has no CRS: give it one (e.g. EPSG:4525 for CGCS2000 GK zone 37)",
                tuple(bounds), guess_crs(bounds))
        report.assumed_crs = "EPSG:4326 (WGS84/CGCS2000 lon/lat)"
        return frame.set_crs(4326)
    report.source_crs = frame.crs.to_string()
    if frame.crs.is_geographic and not looks_geographic(bounds):
        raise DataError(path, f"coordinates out of range for the declared geographic CRS "
                              f"{frame.crs.to_string()} (x {bounds[0]:.0f}…{bounds[2]:.0f})")
    return frame if frame.crs.equals("EPSG:4326") else frame.to_crs(4326)


def _finite(path: Path, frame: gpd.GeoDataFrame, id_field: str | None) -> None:
    coords = shapely.get_coordinates(frame.geometry.values)
    if coords.size and not np.isfinite(coords).all():
        bad = [i for i, g in enumerate(frame.geometry.values)
               if g is not None and not np.isfinite(shapely.get_coordinates(g)).all()]
        raise DataError(path, f"{len(bad)} feature(s) have NaN or infinite coordinates",
                        feature=_feature_name(frame, bad[0], id_field))


def _feature_name(frame, index, id_field):
    if id_field and id_field in frame.columns:
        return frame[id_field].iloc[index]
    return index


def _repair(frame: gpd.GeoDataFrame, report: ReadReport, id_field: str | None) -> gpd.GeoDataFrame:
    geoms = frame.geometry.values
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if invalid.any():
        frame = frame.copy()
        frame.loc[invalid, frame.geometry.name] = shapely.make_valid(geoms[invalid])
        report.repaired = [str(_feature_name(frame, i, id_field)) for i in np.flatnonzero(invalid)]
    return frame


def read_vector(path, *, layer=None, id_field: str | None = "id", assume_crs=None, progress=None,
                cancelled=None) -> tuple[gpd.GeoDataFrame, ReadReport]:
    """`progress(done, total)` and `cancelled()` make long reads observable and stoppable."""
    path = Path(path)
    if not path.exists():
        raise DataError(path, "file not found")
    if path.is_dir():
        raise DataError(path, "is a folder, not a file")
    if path.stat().st_size == 0:
        raise DataError(path, "file is empty (0 bytes)")
    report = ReadReport()
    frame = _raw_frame(path, layer, report, progress, cancelled)
    if len(frame) == 0:
        raise DataError(path, "contains no features")
    missing = shapely.is_missing(frame.geometry.values)
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise DataError(path, f"{int(missing.sum())} feature(s) have no geometry",
                        feature=_feature_name(frame, first, id_field))
    _finite(path, frame, id_field)
    frame = _normalise_crs(path, frame, report, assume_crs)
    frame = _repair(frame, report, id_field)
    return frame, report


def describe_bounds(bounds) -> str:
    if any(math.isnan(b) for b in bounds):
        return "(empty)"
    return "lon {:.4f}…{:.4f}, lat {:.4f}…{:.4f}".format(bounds[0], bounds[2], bounds[1], bounds[3])

