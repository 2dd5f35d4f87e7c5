"""Where an analysis's polygons come from, read only where the sites are.

Every input answers one question (`pieces`): the pieces a block of sites cuts
out of its polygons, in the sites' Gauss-Krüger plane, with the pieces' 地类
fields. Those held in memory, in a file, or in a large layer's store give the
polygons whose box meets the block's and the overlay is made here (overlay_near,
one vectorised call for the whole block); a PostGIS table makes it in the
server (server_overlay.py). The areas are then measured the same way for all,
on the client (block.py).

- FrameInput: a layer held in memory, through its frame's spatial index.
- FileInput: a file read through its own spatial index by GDAL's spatial
  filter (a GeoPackage's R-tree, a File Geodatabase's .spx index, a
  shapefile's .qix), its CRS read once and its transformations made once.
- StoreInput: a large layer kept in its store (data/large): the store's index
  gives the ids of the features whose box meets the area (FeatureSource.ids_in),
  and the features are read by id (features_of) from the file itself, so the
  overlay sees the surveyed coordinates, not the store's centimetre copies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from ..errors import DataError
from ..messages import say
from .inputs import box_in, file_crs, polygons_in_degrees, read_near
from .overlay import AREA_FIELDS, CODE_FIELDS, NAME_FIELDS, to_plane

# Degrees a store's box query is widened by (~1 m): its boxes are kept in Web
# Mercator floats, and a parcel that only touches the area must still be found.
STORE_MARGIN_DEGREES = 1e-5


@dataclass
class Pieces:
    """What a block of sites cuts out of a layer: per piece, the site it belongs
    to (an index into the block), its geometry in the plane (an overlay's raw
    result: a touch along an edge is a line, kept to be dropped by block.py),
    and for a land-use layer its code, name, recorded area (TBMJ) and, when the
    TBMJ-ratio method asks, the whole parcel in the plane."""
    site: np.ndarray
    geometry: np.ndarray
    code: np.ndarray
    name: np.ndarray
    recorded: np.ndarray
    whole: np.ndarray | None = field(default=None)


def no_pieces() -> Pieces:
    empty = np.empty(0, dtype=object)
    return Pieces(np.empty(0, dtype=np.int64), empty, empty, empty, np.empty(0), None)


@runtime_checkable
class AnalysisInput(Protocol):
    def pieces(self, sites_degrees: np.ndarray, sites_plane: np.ndarray, plane: int, wholes: bool) -> Pieces:
        """The pieces the sites (lon/lat, and the same in the plane) cut out of the layer."""


def _field(columns, names) -> str | None:
    return next((n for n in names if n in columns), None)


def _values(frame, names, dtype=object) -> np.ndarray:
    name = _field(frame.columns, names)
    if name is None:
        return np.full(len(frame), None if dtype is object else np.nan, dtype=dtype)
    if dtype is object:
        return frame[name].to_numpy(dtype=object)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def overlay_near(frame: gpd.GeoDataFrame, sites_degrees: np.ndarray, sites_plane: np.ndarray, plane: int,
                 wholes: bool) -> Pieces:
    """The client's overlay: every (site, polygon) pair whose shapes meet (the
    frame's STRtree, queried with all the sites at once), the polygons moved to
    the plane once each, and all pairs intersected in one vectorised call.
    `frame`: polygons only (polygons_only), in lon/lat."""
    if len(frame) == 0 or len(sites_degrees) == 0:
        return no_pieces()
    site, polygon = frame.sindex.query(np.asarray(sites_degrees, dtype=object), predicate="intersects")
    if len(site) == 0:
        return no_pieces()
    used, which = np.unique(polygon, return_inverse=True)
    near = frame.iloc[used]
    in_plane = to_plane(near.geometry.values, plane)
    geometry = shapely.intersection(in_plane[which], np.asarray(sites_plane, dtype=object)[site])
    return Pieces(site.astype(np.int64), geometry, _values(near, CODE_FIELDS)[which],
                  _values(near, NAME_FIELDS)[which], _values(near, AREA_FIELDS, float)[which],
                  in_plane[which] if wholes else None)


def polygons_only(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame[frame.geometry.notna() & frame.geom_type.isin(["Polygon", "MultiPolygon"])]


def _area_of(sites_degrees: np.ndarray):
    return shapely.box(*shapely.total_bounds(np.asarray(sites_degrees, dtype=object)))


class FrameInput:
    """A layer held in memory (lon/lat)."""

    def __init__(self, frame: gpd.GeoDataFrame):
        self.frame = polygons_only(frame)  # once: its spatial index is then built once, kept with it

    def near(self, area) -> gpd.GeoDataFrame:
        hits = self.frame.sindex.query(area, predicate="intersects") if len(self.frame) else []
        return self.frame.iloc[np.sort(hits)]

    def pieces(self, sites_degrees, sites_plane, plane: int, wholes: bool) -> Pieces:
        return overlay_near(self.frame, sites_degrees, sites_plane, plane, wholes)


class FileInput:
    """A layer of a file (GeoPackage, File Geodatabase, shapefile …), read per area."""

    def __init__(self, path: Path, layer: str | None = None, assume_crs=None):
        self.path, self.layer, self.assume_crs = Path(path), layer, assume_crs
        self.crs: CRS = file_crs(self.path, layer, assume_crs)

    def near(self, area) -> gpd.GeoDataFrame:
        return read_near(self.path, self.layer, area, self.assume_crs, crs=self.crs)[0]

    def near_sites(self, sites_degrees) -> gpd.GeoDataFrame:
        """The polygons whose box meets one of the sites' boxes: read by the
        block's box through the file's index, then only those near a site kept
        before they are moved to lon/lat (a block's box holds many more)."""
        boxes = shapely.box(*np.array([box_in(self.crs, site.bounds) for site in sites_degrees]).T)
        try:
            frame = pyogrio.read_dataframe(str(self.path), layer=self.layer, bbox=tuple(shapely.total_bounds(boxes)),
                                           on_invalid="ignore", use_arrow=True)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise DataError(self.path, say(f"cannot be read ({str(exc)[:120]})", "无法读取")) from None
        near: np.ndarray | list[int] = \
            np.unique(shapely.STRtree(boxes).query(frame.geometry.values)[0]) if len(frame) else []
        return polygons_in_degrees(frame.iloc[near], self.crs)

    def pieces(self, sites_degrees, sites_plane, plane: int, wholes: bool) -> Pieces:
        return overlay_near(self.near_sites(sites_degrees), sites_degrees, sites_plane, plane, wholes)


class StoreInput:
    """A large layer drawn from its store: found through the store's index, read from its file by id."""

    def __init__(self, features):
        self.features = features  # a FeatureSource: FileFeatures (data/large/file_layer.py)

    def near(self, area) -> gpd.GeoDataFrame:
        west, south, east, north = area.bounds
        m = STORE_MARGIN_DEGREES
        return polygons_only(self.features.features_of(self.features.ids_in(west - m, south - m, east + m, north + m)))

    def pieces(self, sites_degrees, sites_plane, plane: int, wholes: bool) -> Pieces:
        return overlay_near(self.near(_area_of(sites_degrees)), sites_degrees, sites_plane, plane, wholes)


def as_input(source) -> AnalysisInput:
    """A frame (lon/lat) as a FrameInput; an input as it is."""
    if isinstance(source, gpd.GeoDataFrame):
        return FrameInput(source)
    if isinstance(source, AnalysisInput):
        return source
    raise TypeError(f"not an analysis input: {type(source).__name__}")
