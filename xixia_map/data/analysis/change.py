"""Two years of land use (三调 and a later 变更调查, or any two DLTB layers):
which land changed class (变化图斑) and how much went from each class to each
other (转移矩阵), computed exactly, as the land-take analysis does (overlay.py).

The method:
- Both layers are overlaid in one Gauss-Krüger plane (the CGCS2000 3° zone of
  their centre, plane_for), their vertices on the 0.1 mm grid (to_plane): a
  boundary the two years share comes out vertex for vertex the same.
- The plane is cut into tiles of ~15 000 parcels; each parcel belongs to the
  tile holding the first vertex of its normalised outline (shapely.normalize),
  so a parcel crossing tiles is counted once. Per tile, the before parcels it
  owns are read, then the after parcels near them (each input reads only what
  meets the tile: a file through its index, a large layer through its store).
- A parcel unchanged between the years (the same outline on the grid) is its
  own piece. The others are intersected with the after parcels near them (an
  STRtree query, one vectorised shapely.intersection), as block.py does. This
  assumes what a 三调 layer's 拓扑检查 requires: no two parcels of one year
  overlap (a layer whose parcels overlap would count their area twice; the
  无数据 figures then come out negative, and `overlaps` says so).
- Every piece is measured on the ellipsoid (areas.areas_from_plane: moved to an
  equal-area projection of GRS80, as TBMJ is computed), and so is every parcel
  of each year, for each year's class areas.

Boundary adjustments. A piece whose class differs between the years but which
is narrower than the tolerance (default 0.5 m: its part shrunk inwards by half
the tolerance, `part.buffer(-tolerance / 2)`, is empty) is a boundary redrawn,
not land that changed: it is not a 变化图斑, and in the matrix its area stays
with its before class (on the diagonal). So that each column still sums to the
after year's class area, the matrix carries a 边界调整 row: per after class, the
area such slivers brought into it less the area they took out of it (the row
sums to zero). Rows then sum to the before year's class areas and columns, with
the 边界调整 and 无数据 rows, to the after year's (tests/unit/test_land_change.py).

Coverage. Where only one year has parcels, the area goes to 无数据: a 无数据
column (before-year land the after layer does not cover) and a 无数据 row
(after-year land the before layer does not cover), each that year's class area
less its pieces' areas.
"""
from __future__ import annotations

import math
import os
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import Cancelled, DataError
from ..messages import say
from .areas import areas_from_plane
from .block import polygonal
from .classes import class_name
from .overlay import (
    CODE_FIELDS, NAME_FIELDS, plane_for, to_degrees,
)
from .sources import FileInput, _values
from .change_inputs import _text, input_extent, _check_classes, _tiles, _read, _repair

TOLERANCE_M = 0.5
WORKERS = min(2, os.cpu_count() or 1)
NOISE_M2 = 0.01  # 无数据 below this (m², per class) is the floats' rounding, not land


@dataclass
class LandChange:
    """The figures of a comparison, per DLBM code, in m² on the ellipsoid."""
    plane: int
    tolerance: float
    pairs: dict = field(default_factory=dict)  # (from, to): area of their pieces
    slivers: dict = field(default_factory=dict)  # (from, to), from != to: under tolerance
    before: dict = field(default_factory=dict)  # code: the before year's class area
    after: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)  # code: its name (三调's, else the layer's DLMC)
    changes: gpd.GeoDataFrame | None = None  # the 变化图斑, lon/lat, areas in m²
    parcels: tuple[int, int] = (0, 0)  # parcels read in each year
    matched: int = 0  # before parcels whose outline the after year kept (no overlay needed)

    @property
    def codes(self) -> list[str]:
        return sorted(set(self.before) | set(self.after))

    def no_data_before(self) -> dict:
        """Per after class: its area where the before layer has no parcel."""
        return {t: self.after[t] - sum(v for (_f, to), v in self.pairs.items() if to == t) for t in self.after}

    def no_data_after(self) -> dict:
        """Per before class: its area where the after layer has no parcel."""
        return {f: self.before[f] - sum(v for (fr, _t), v in self.pairs.items() if fr == f) for f in self.before}

    def boundary(self) -> dict:
        """Per class: the sub-tolerance slivers' area into it less out of it (a column's 边界调整)."""
        out: dict = defaultdict(float)
        for (f, t), area in self.slivers.items():
            out[t] += area
            out[f] -= area
        return dict(out)

    def changed(self) -> dict:
        """(from, to) → area that changed class beyond the tolerance."""
        return {k: v - self.slivers.get(k, 0.0) for k, v in self.pairs.items() if k[0] != k[1]}

    @property
    def overlaps(self) -> bool:
        """A year's parcels overlap (their pieces add up to more than the parcels)."""
        return min([*self.no_data_before().values(), *self.no_data_after().values(), 0.0]) < -1.0


def _owned(outlines: np.ndarray, grid, where: tuple[int, int]) -> np.ndarray:
    """Which outlines belong to the tile: their first vertex is in it (half-open;
    one a few centimetres outside the tiles, where a store's box was short, to
    the edge tile, which reads a metre beyond its edge)."""
    if len(outlines) == 0:
        return np.zeros(0, dtype=bool)
    origin, size, across, up = grid
    first = shapely.get_point(shapely.get_exterior_ring(shapely.get_geometry(outlines, 0)), 0)
    at = np.floor((shapely.get_coordinates(first) - origin) / size).astype(np.int64)
    at = np.clip(at, 0, [across - 1, up - 1])
    return (at[:, 0] == where[0]) & (at[:, 1] == where[1])


def _fields(frame, change: LandChange) -> np.ndarray:
    codes = _text(_values(frame, CODE_FIELDS))
    if len(codes):
        first = pd.Series(np.arange(len(codes))).groupby(codes).first()
        new = [(code, i) for code, i in first.items() if code not in change.names]
        if new:
            names = _text(_values(frame.iloc[[i for _code, i in new]], NAME_FIELDS))
            for (code, _i), name in zip(new, names):
                change.names[code] = class_name(code, name or None)
    return codes


def _measure(geometries, plane: int, centre) -> np.ndarray:
    geometries = np.asarray(geometries, dtype=object)
    return areas_from_plane(geometries, plane, centre[0], centre[1]) if len(geometries) else np.zeros(0)


def _is_sliver(parts: np.ndarray, tolerance: float) -> np.ndarray:
    if tolerance <= 0 or len(parts) == 0:
        return np.zeros(len(parts), dtype=bool)
    return shapely.is_empty(shapely.buffer(parts, -tolerance / 2, quad_segs=2))


def compare_land_use(before, after, tolerance: float = TOLERANCE_M, progress=None, cancelled=None, *,
                     extent=None, count: int | None = None) -> LandChange:
    """The comparison of two DLTB inputs (frames in lon/lat, FileInput,
    StoreInput: anything with `near(box)`). `extent` (lon/lat) and `count`:
    the layers' box and parcel count where the inputs cannot say (a store)."""
    from .sources import as_input

    before, after = as_input(before), as_input(after)
    for source in (before, after):
        if not hasattr(source, "near"):
            raise DataError(None, say("a PostGIS table cannot be compared yet: export it to a GeoPackage first",
                                      "暂不能直接对比 PostGIS 表：请先导出为 GeoPackage"))
    _check_classes(before, "before")
    _check_classes(after, "after")
    if extent is None or count is None:
        (b_ext, b_count), (a_ext, a_count) = input_extent(before), input_extent(after)
        extent = (min(b_ext[0], a_ext[0]), min(b_ext[1], a_ext[1]), max(b_ext[2], a_ext[2]), max(b_ext[3], a_ext[3]))
        count = max(b_count, a_count)
    if tolerance < 0 or not math.isfinite(tolerance):
        raise DataError(None, say(f"the tolerance must be a distance of 0 m or more, not {tolerance}",
                                  f"容差应为不小于 0 米的距离，而不是 {tolerance}"))
    plane = plane_for(shapely.box(*extent))
    change = LandChange(plane, float(tolerance))
    origin, size, across, up = _tiles(extent, count, plane)
    total = across * up

    def one(k: int):
        where = (k % across, k // across)
        tile = shapely.box(*(origin + np.array(where) * size), *(origin + (np.array(where) + 1) * size))
        part = LandChange(plane, float(tolerance))
        return part, _tile(before, after, tile, where, (origin, size, across, up), part)

    found: list[gpd.GeoDataFrame] = []
    for k, (part, pieces) in enumerate(_tiles_done(one, total, before, after, cancelled)):
        _merge(change, part)
        if pieces is not None and len(pieces):
            found.append(pieces)
        if progress is not None:
            progress(k + 1, total)
    change.changes = _changes_frame(found, plane)
    return change


def _tiles_done(one, total: int, before, after, cancelled):
    """Each tile's result, in order. Two files are read and overlaid two tiles at
    a time (GDAL, PROJ and GEOS let go of Python's lock while they work, and
    each read opens the file anew); a layer in memory or in its store one tile
    at a time."""
    if WORKERS < 2 or not (isinstance(before, FileInput) and isinstance(after, FileInput)):
        for k in range(total):
            if cancelled is not None and cancelled():
                raise Cancelled()
            yield one(k)
        return
    with ThreadPoolExecutor(WORKERS) as pool:
        pending: deque = deque()
        submitted = 0
        try:
            for _k in range(total):
                while submitted < total and len(pending) < 2 * WORKERS:
                    if cancelled is not None and cancelled():
                        raise Cancelled()
                    pending.append(pool.submit(one, submitted))
                    submitted += 1
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _merge(into: LandChange, part: LandChange) -> None:
    for name in ("pairs", "slivers", "before", "after"):
        target = getattr(into, name)
        for key, area in getattr(part, name).items():
            target[key] = target.get(key, 0.0) + area
    for code, name in part.names.items():
        into.names.setdefault(code, name)
    into.parcels = (into.parcels[0] + part.parcels[0], into.parcels[1] + part.parcels[1])
    into.matched += part.matched


def _add_pairs(target: dict, froms, tos, areas) -> None:
    if len(areas) == 0:
        return
    sums = pd.Series(np.asarray(areas, dtype=float), index=pd.MultiIndex.from_arrays([froms, tos])).groupby(
        level=[0, 1]).sum()
    for key, area in sums.items():
        target[key] = target.get(key, 0.0) + float(area)


def _add_classes(target: dict, codes, areas) -> None:
    if len(areas) == 0:
        return
    for code, area in pd.Series(np.asarray(areas, dtype=float), index=codes).groupby(level=0).sum().items():
        target[code] = target.get(code, 0.0) + float(area)


def _tile(before, after, tile, where, grid, change: LandChange):
    """One tile's share of the figures, added to `change`; its 变化图斑 (in the plane)."""
    plane = change.plane
    b_frame, b_lines = _read(before, tile, plane)
    mine = _owned(b_lines, grid, where)
    b_frame, b_lines = b_frame[mine], b_lines[mine]
    reach = shapely.box(*shapely.total_bounds(np.append(b_lines, tile)))
    a_frame, a_lines = _read(after, reach, plane)
    a_mine = _owned(a_lines, grid, where)
    middle = to_degrees(tile.centroid, plane)
    centre = (middle.x, middle.y)
    b_codes, a_codes = _fields(b_frame, change), _fields(a_frame, change)
    # Unchanged outlines: the after year's parcel of the same outline is the one piece.
    a_index = pd.Series(np.arange(len(a_lines)), index=shapely.to_wkb(a_lines), dtype=float)
    a_index = a_index[~a_index.index.duplicated()]
    twin = a_index.reindex(shapely.to_wkb(b_lines)).to_numpy() if len(b_lines) else np.zeros(0)
    same = ~np.isnan(twin)
    twin_of = twin[same].astype(np.int64)
    left_b = np.flatnonzero(~same)  # the others are cut by the after parcels near them, not matched ones
    free = np.ones(len(a_lines), dtype=bool)
    free[twin_of] = False
    left_a = np.flatnonzero(free)
    _repair(b_lines, left_b)
    _repair(a_lines, left_a)
    b_areas = _measure(b_lines, plane, centre)
    change.parcels = (change.parcels[0] + len(b_lines), change.parcels[1] + int(a_mine.sum()))
    _add_classes(change.before, b_codes, b_areas)
    a_areas = np.full(len(a_lines), np.nan)
    a_areas[twin_of] = b_areas[same]
    unmeasured = np.flatnonzero(a_mine & np.isnan(a_areas))
    a_areas[unmeasured] = _measure(a_lines[unmeasured], plane, centre)
    _add_classes(change.after, a_codes[a_mine], a_areas[a_mine])
    _add_pairs(change.pairs, b_codes[same], a_codes[twin_of], b_areas[same])
    change.matched += int(same.sum())
    found = [_whole_changes(b_lines[same], b_codes[same], a_codes[twin_of], b_areas[same], change)]
    if len(left_b) and len(left_a):
        i, j = shapely.STRtree(a_lines[left_a]).query(b_lines[left_b], predicate="intersects")
        bi, aj = left_b[i], left_a[j]
        cut = polygonal(shapely.intersection(b_lines[bi], a_lines[aj]))
        kept = ~shapely.is_missing(cut)
        bi, aj, cut = bi[kept], aj[kept], cut[kept]
        froms, tos = b_codes[bi], a_codes[aj]
        _add_pairs(change.pairs, froms, tos, _measure(cut, plane, centre))
        differ = froms != tos
        found.append(_cut_changes(cut[differ], froms[differ], tos[differ], plane, centre, change))
    found = [f for f in found if f is not None]
    return pd.concat(found, ignore_index=True) if found else None


def _whole_changes(outlines, froms, tos, areas, change: LandChange):
    """Parcels of the same outline in both years whose class changed: 变化图斑
    whatever their width (no boundary moved), one a part."""
    differ = froms != tos
    if not differ.any():
        return None
    outlines, froms, tos, areas = outlines[differ], froms[differ], tos[differ], areas[differ]
    parts, index = shapely.get_parts(outlines, return_index=True)
    if len(parts) != len(outlines):  # multipolygons: each part measured
        middle = to_degrees(shapely.centroid(parts[0]), change.plane)
        areas = _measure(parts, change.plane, (middle.x, middle.y))
    return pd.DataFrame({"from": froms[index], "to": tos[index], "m2": areas, "geometry": parts})


def _cut_changes(cut, froms, tos, plane: int, centre, change: LandChange):
    """Pieces of changed class where outlines moved, split into their parts: a
    part narrower than the tolerance is a boundary adjustment (its area kept
    apart, in `slivers`), the others are 变化图斑."""
    if len(cut) == 0:
        return None
    parts, index = shapely.get_parts(cut, return_index=True)
    areas = _measure(parts, plane, centre)
    thin = _is_sliver(parts, change.tolerance)
    _add_pairs(change.slivers, froms[index][thin], tos[index][thin], areas[thin])
    keep = ~thin
    return pd.DataFrame({"from": froms[index][keep], "to": tos[index][keep], "m2": areas[keep],
                         "geometry": parts[keep]})


def _changes_frame(found: list, plane: int) -> gpd.GeoDataFrame:
    """The 变化图斑 in lon/lat: from and to class, area."""
    if not found:
        return gpd.GeoDataFrame({"from": [], "to": [], "m2": []}, geometry=gpd.GeoSeries([], crs=4326), crs=4326)
    frame = pd.concat(found, ignore_index=True)
    geometry = to_degrees(np.asarray(frame["geometry"].to_numpy(), dtype=object), plane)
    return gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=gpd.GeoSeries(geometry, crs=4326), crs=4326)
