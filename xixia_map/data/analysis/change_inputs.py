"""Reading the two years for 地类变化 (change.py): each input's extent and
classes checked, and a tile of it read into the Gauss-Krüger plane (a file
straight from its own CRS, a frame or store through lon/lat), outlines the
grid refuses repaired."""
from __future__ import annotations

import math
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS, Transformer

from ..errors import DataError
from ..messages import say
from .block import polygonal
from .inputs import box_in, to_lonlat
from .overlay import (
    CODE_FIELDS, GRID_M, _moved, _polygonal, _transformers, on_grid, to_degrees, to_plane,
)
from .sources import FileInput, FrameInput


TILE_PARCELS = 15_000
MARGIN_DEGREES = 1e-5  # a tile's box in degrees, widened by ~1 m (a store keeps its boxes in floats)


def _text(values: np.ndarray) -> np.ndarray:
    """A field's values as stripped text, '' for none (vectorised: a tile holds tens of thousands)."""
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).str.strip().to_numpy(dtype=object)


def input_extent(source) -> tuple[tuple[float, float, float, float], int]:
    """The lon/lat box and parcel count of an in-memory layer or a file."""
    if isinstance(source, FrameInput):
        return tuple(source.frame.total_bounds) if len(source.frame) else (0.0, 0.0, 0.0, 0.0), len(source.frame)
    if isinstance(source, FileInput):
        info = pyogrio.read_info(str(source.path), layer=source.layer, force_total_bounds=True)
        west, south, east, north = info["total_bounds"]
        corners = to_lonlat(shapely.segmentize(shapely.box(west, south, east, north), max(east - west, 1.0) / 20),
                            source.crs)
        return tuple(shapely.bounds(corners)), int(info["features"])
    raise TypeError(f"the extent of {type(source).__name__} is the caller's to give")


def _columns(source) -> list[str]:
    if isinstance(source, FrameInput):
        return [str(c) for c in source.frame.columns]
    if isinstance(source, FileInput):
        return [str(c) for c in pyogrio.read_info(str(source.path), layer=source.layer)["fields"]]
    features = getattr(source, "features", None)
    return [str(c) for c in features.empty_frame().columns] if features is not None else list(CODE_FIELDS)


def _check_classes(source, which: str) -> None:
    """A layer without 地类编码 cannot be compared: said once, naming the layer."""
    if not set(_columns(source)) & set(CODE_FIELDS):
        where = getattr(source, "path", None)
        raise DataError(where, say(f"the {which} layer has no 地类编码 field (DLBM): it is not a DLTB layer",
                                   f"{'前' if which == 'before' else '后'}期图层没有地类编码字段（DLBM），不是地类图斑图层"))


def _tiles(extent, count: int, plane: int) -> tuple[np.ndarray, float, int, int]:
    """The tiles' origin and size in the plane, and how many a side."""
    box = to_plane(shapely.segmentize(shapely.box(*extent), max(extent[2] - extent[0], 1e-6) / 20), plane)
    x0, y0, x1, y1 = shapely.bounds(box)
    side = max(1, math.ceil(math.sqrt(max(count, 1) / TILE_PARCELS)))
    size = max(x1 - x0, y1 - y0, 1.0) / side + 1.0
    return np.array([x0 - 0.5, y0 - 0.5]), size, side, side


def _read(source, tile_plane, plane: int):
    """The source's parcels near a box of the plane: frame, their outlines in the plane (normalised)."""
    x0, y0, x1, y1 = shapely.bounds(tile_plane)
    outline = shapely.segmentize(tile_plane, max(x1 - x0, y1 - y0) / 8)
    west, south, east, north = shapely.bounds(to_degrees(outline, plane))
    m = MARGIN_DEGREES
    area = shapely.box(west - m, south - m, east + m, north + m)
    if isinstance(source, FileInput):  # read in its own CRS and moved to the plane at once
        frame = _file_near(source, area)
        moved = shapely.transform(np.asarray(frame.geometry.values, dtype=object),
                                  lambda xy: np.column_stack(_direct(source.crs.to_wkt(), plane).transform(
                                      xy[:, 0], xy[:, 1])))
    else:
        frame = source.near(area)
        frame = frame[~shapely.is_missing(frame.geometry.values) & ~shapely.is_empty(frame.geometry.values)]
        moved = None
    if len(frame) == 0:
        return frame, np.empty(0, dtype=object)
    outlines = _in_plane(np.asarray(frame.geometry.values, dtype=object), plane, moved)
    there = ~shapely.is_missing(outlines)
    frame, outlines = frame[there], outlines[there]
    # A one-part multipolygon is that polygon (a layer of multipolygons writes every parcel as one)
    single = np.flatnonzero((shapely.get_type_id(outlines) == 6) & (shapely.get_num_geometries(outlines) == 1))
    outlines[single] = shapely.get_geometry(outlines[single], 0)
    return frame, np.asarray(shapely.normalize(outlines), dtype=object)


def _in_plane(degrees: np.ndarray, plane: int, moved: np.ndarray | None = None) -> np.ndarray:
    """to_plane (or `moved`, already in the plane, onto its grid), and where
    GEOS's precision reducer gives up on an outline (a sliver a few tenths of a
    millimetre wide, as a redrawn boundary leaves), the rounded outline made
    valid instead."""
    try:
        return np.asarray(to_plane(degrees, plane) if moved is None else on_grid(moved), dtype=object)
    except shapely.errors.GEOSException:
        if moved is None:
            moved = _moved(degrees, _transformers(plane)[0])
        rounded = shapely.transform(moved, lambda xy: np.floor(xy / GRID_M + 0.5) * GRID_M)
        for i in np.flatnonzero(~shapely.is_valid(rounded) & ~shapely.is_missing(rounded)):
            try:
                rounded[i] = shapely.set_precision(shapely.set_precision(moved[i], GRID_M), 0)
            except shapely.errors.GEOSException:
                rounded[i] = _polygonal(shapely.make_valid(rounded[i]))
        return np.asarray(rounded, dtype=object)


@lru_cache(maxsize=16)
def _direct(crs_wkt: str, plane: int) -> Transformer:
    return Transformer.from_crs(CRS.from_wkt(crs_wkt), plane, always_xy=True)


def _file_near(source: FileInput, area) -> gpd.GeoDataFrame:
    """A file's polygons whose box meets the area (lon/lat), in the file's CRS:
    read through its index (GDAL's spatial filter), as FileInput.near does."""
    try:
        frame = pyogrio.read_dataframe(str(source.path), layer=source.layer, bbox=box_in(source.crs, area.bounds),
                                       on_invalid="ignore", use_arrow=True)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataError(source.path, say(f"cannot be read ({str(exc)[:120]})", "无法读取")) from None
    geometry = frame.geometry.values
    keep = ~shapely.is_missing(geometry) & np.isin(shapely.get_type_id(geometry), (3, 6)) & ~shapely.is_empty(geometry)
    return frame[keep]


def _repair(outlines: np.ndarray, which: np.ndarray) -> None:
    """Self-crossing outlines (a file's own, before the overlay) made valid as
    GEOS's make_valid does, their polygons kept; only those to be cut are
    checked (an unchanged outline is its own piece, whatever it is)."""
    if len(which) == 0:
        return
    bad = which[~shapely.is_valid(outlines[which])]
    if len(bad):
        outlines[bad] = polygonal(shapely.make_valid(outlines[bad]))
        empty = bad[shapely.is_missing(outlines[bad])]
        outlines[empty] = shapely.Polygon()
