"""The layers an analysis reads: only the features whose box meets the site's
(GDAL's spatial filter uses the file's own index: a GeoPackage's R-tree, a File
Geodatabase's spatial index), moved to degrees; and the site itself from a
file, a register project or a township."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS, Transformer

from ..crs_words import crs_words
from ..errors import DataError
from ..messages import say
from .report_tables import SourceNote

NAME_FIELDS = ("XZQMC", "ZLDWMC", "名称", "name_zh", "name", "NAME", "MC")


def split_source(text: str) -> tuple[Path, str | None]:
    """`DLTB.gdb::DLTB` → (the file, the layer)."""
    path, _, layer = str(text).partition("::")
    return Path(path), (layer or None)


def file_crs(path: Path, layer, assume_crs) -> CRS:
    if assume_crs is not None:
        return CRS.from_user_input(assume_crs)
    try:
        declared = pyogrio.read_info(str(path), layer=layer).get("crs")
    except pyogrio.errors.DataSourceError:
        raise DataError(path, say("not a readable vector file", "不是可读取的矢量文件")) from None
    except pyogrio.errors.DataLayerError:
        raise DataError(path, say(f"has no layer '{layer}'", f"没有图层“{layer}”")) from None
    if not declared:
        raise DataError(path, say("has no CRS: name it with --crs (e.g. EPSG:4525)",
                                  "没有坐标系：请用 --crs 指明（如 EPSG:4525）"))
    return CRS.from_user_input(declared)


@lru_cache(maxsize=16)
def _transformer(source: str, target: str) -> Transformer:
    """PROJ takes ~30 ms to set one up: made once per pair of CRSs (a register's
    hundreds of reads spent most of their time here)."""
    return Transformer.from_crs(CRS.from_user_input(source), CRS.from_user_input(target), always_xy=True)


def to_lonlat(geometries, crs: CRS):
    """Geometries in `crs` moved to lon/lat (EPSG:4326)."""
    moving = _transformer(crs.to_wkt(), "EPSG:4326")
    return shapely.transform(geometries, lambda xy: np.column_stack(moving.transform(xy[:, 0], xy[:, 1])))


def box_in(crs: CRS, bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A lon/lat box as a box in `crs` that holds it (edges densified)."""
    return _transformer("EPSG:4326", crs.to_wkt()).transform_bounds(*bounds, densify_pts=21)


def polygons_in_degrees(frame: gpd.GeoDataFrame, crs: CRS) -> gpd.GeoDataFrame:
    """The frame's polygons (others left out) moved from `crs` to lon/lat."""
    geometry = frame.geometry.values
    frame = frame[~shapely.is_missing(geometry) & np.isin(shapely.get_type_id(geometry), (3, 6))]
    moved = to_lonlat(frame.geometry.values, crs) if len(frame) else frame.geometry.values
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    out["geometry"] = gpd.array.GeometryArray(np.asarray(moved, dtype=object), crs=4326)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=4326)


def read_near(path: Path, layer: str | None, site, assume_crs=None, crs: CRS | None = None
              ) -> tuple[gpd.GeoDataFrame, CRS]:
    """The polygons of `path` (its `layer`) whose box meets the site's, in
    degrees; `crs`: the file's, when the caller has read it already."""
    crs = crs if crs is not None else file_crs(path, layer, assume_crs)
    box = box_in(crs, site.bounds)
    try:
        frame = pyogrio.read_dataframe(str(path), layer=layer, bbox=box, on_invalid="ignore")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataError(path, say(f"cannot be read ({str(exc)[:120]})", "无法读取")) from None
    return polygons_in_degrees(frame, crs), crs


def source_note(role: str, path: Path, layer: str | None, crs, lang: str = "zh") -> SourceNote:
    try:
        date = dt.date.fromtimestamp(Path(path).stat().st_mtime).isoformat()
    except OSError:
        date = ""
    name = f"{Path(path).name}::{layer}" if layer else Path(path).name
    return SourceNote(role, name, str(path), date, crs_words(crs, lang) if crs is not None else "")


def site_from_file(path: Path, layer: str | None = None, feature: str | None = None, assume_crs=None):
    """The site drawn in a file (a DXF 红线, a parcel file): its polygons as one
    area, or the one feature asked for."""
    from ..user_layers import layer_from_file

    read = layer_from_file(path, layer=layer, assume_crs=assume_crs)
    frame = read.frame[read.frame.geom_type.isin(["Polygon", "MultiPolygon"])]
    if feature is not None:
        frame = frame[frame["id"].astype(str) == str(feature)]
    if len(frame) == 0:
        raise DataError(path, say("holds no area to analyse (no polygon" + (f" with id {feature}" if feature else "")
                                  + ")", "没有可分析的面（没有面要素" + (f"，或没有编号 {feature}" if feature else "") + "）"))
    return shapely.union_all(frame.geometry.values)


def site_from_register(path: Path, pid: str):
    from ..register.store import open_register

    register = open_register(path)
    rows = register.frame[register.frame["pid"].astype(str) == str(pid)]
    if len(rows) == 0:
        raise DataError(path, say(f"has no project {pid}", f"没有项目 {pid}"))
    geometry = rows.geometry.iloc[0]
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise DataError(path, say(f"project {pid} has no 红线 yet (only a point)", f"项目 {pid} 还没有红线（只有点位）"),
                        feature=pid)
    return geometry, str(rows["name"].iloc[0])


def site_from_boundaries(path: Path, layer: str | None, name: str, assume_crs=None):
    """A township (or village) by its name in a boundary layer (XZQMC, ZLDWMC, 名称 …)."""
    from ..user_layers import layer_from_file

    frame = layer_from_file(path, layer=layer, assume_crs=assume_crs).frame
    field = next((f for f in NAME_FIELDS if f in frame.columns), None)
    if field is None:
        raise DataError(path, say("has no name field (XZQMC, ZLDWMC, 名称 …)", "没有名称字段（XZQMC、ZLDWMC、名称 等）"))
    rows = frame[frame[field].astype(str).str.strip() == name.strip()]
    if len(rows) == 0:
        raise DataError(path, say(f"has no area named {name}", f"没有名为“{name}”的区域"), field=field)
    return shapely.union_all(rows.geometry.values)
