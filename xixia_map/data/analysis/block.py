"""A block of sites analysed at once: one site (the dock, the CLI) is a block of
one, a register's nearby projects a block of hundreds.

Per block, each input gives the pieces all its sites cut out of it in one go
(sources.py: one STRtree query of every site, one vectorised intersection of
every pair; or one statement in PostGIS), and every piece is measured on the
ellipsoid in one numpy call per 1° cell of the sites' centres (areas.py). Only
the grouping of pieces into each site's rows is a Python loop. Analysing a site
alone or in a block runs the same operations on the same geometries, so the
figures are the same.

The steps, as overlay.py explains: the site is put on the Gauss-Krüger plane's
0.1 mm grid; the layers' polygons are moved to the plane onto the same grid; a
piece is the exact intersection there (a touch along an edge leaves a line or
a point: no piece); each is measured on the ellipsoid. A control line's pieces
of one site are united before they are measured, so polygons of the line that
overlap are not counted twice; so are the land-use pieces, to say how much of
the site no parcel covers.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import shapely

from .areas import areas_from_plane
from .classes import MAIN_CLASSES, UNCLASSED, class_name, main_class
from .overlay import (
    ELLIPSOIDAL,
    TBMJ_RATIO,
    ClassRow,
    ControlResult,
    SiteAnalysis,
    _polygonal,
    plane_for,
    to_degrees,
    to_plane,
)
from .sources import Pieces, as_input


def prepared(site):
    """The site as analysed (valid, its vertices on the plane's grid, in lon/lat) and its plane."""
    site = shapely.make_valid(site) if not site.is_valid else site
    plane = plane_for(site)
    return to_degrees(to_plane(site, plane), plane), plane


def polygonal(geometries: np.ndarray) -> np.ndarray:
    """Each overlay result's polygons, or None where it has no area."""
    geometries = np.asarray(geometries, dtype=object)
    kind = shapely.get_type_id(geometries)
    empty = shapely.is_empty(geometries) | shapely.is_missing(geometries)
    out = geometries.copy()
    out[~(np.isin(kind, (3, 6)) & ~empty)] = None
    for i in np.flatnonzero((kind == 7) & ~empty):  # a collection: a piece and a line where edges touch
        out[i] = _polygonal(geometries[i])
    return out


def measure(geometries: np.ndarray, plane: int, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Ellipsoidal m² of geometries in the plane (None: 0), each measured in the
    equal-area projection centred on its site's whole degree, as a site alone is."""
    geometries = np.asarray(geometries, dtype=object)
    out = np.zeros(len(geometries))
    there = ~shapely.is_missing(geometries)
    cells = np.column_stack([np.round(lon), np.round(lat)]) if len(geometries) else np.empty((0, 2))
    for cell in np.unique(cells[there], axis=0):
        at = there & (cells[:, 0] == cell[0]) & (cells[:, 1] == cell[1])
        out[at] = areas_from_plane(geometries[at], plane, float(cell[0]), float(cell[1]))
    return out


def _by_site(site: np.ndarray, count: int) -> list[np.ndarray]:
    """The indices of each site's pieces, site by site."""
    order = np.argsort(site, kind="stable")
    bounds = np.searchsorted(site[order], np.arange(count + 1))
    return [order[bounds[k]:bounds[k + 1]] for k in range(count)]


def _united(geometries: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    out = np.empty(len(groups), dtype=object)
    for k, at in enumerate(groups):
        if len(at) == 1:
            out[k] = geometries[at[0]]
        elif len(at) > 1:
            out[k] = _polygonal(shapely.union_all(geometries[at]))
    return out


def _text(value) -> str:
    """A field's value as text: '' for none (None, NaN)."""
    return "" if value is None or pd.isna(value) else str(value).strip()


def _covered(geometry: np.ndarray, areas: np.ndarray, groups: list[np.ndarray], plane: int, lon, lat) -> np.ndarray:
    """The area of each site its pieces cover: their areas' sum where they form a
    valid coverage (GEOS's CoverageValidator: no two overlap, as the parcels of a
    三调 layer never do; checking takes a third of the time of a union), else the
    area of their union (a layer whose parcels overlap)."""
    out = np.zeros(len(groups))
    united = np.full(len(groups), None, dtype=object)
    for k, at in enumerate(groups):
        if len(at) == 1 or (len(at) > 1 and shapely.coverage_is_valid(geometry[at])):
            out[k] = areas[at].sum()
        elif len(at) > 1:
            united[k] = _polygonal(shapely.union_all(geometry[at]))
    overlapping = ~shapely.is_missing(united)
    out[overlapping] = measure(united[overlapping], plane, lon[overlapping], lat[overlapping])
    return out


def _landuse(pieces: Pieces, count: int, plane: int, lon, lat, method: str):
    """Each site's rows (one per DLBM) and its area that no parcel covers."""
    geometry = polygonal(pieces.geometry)
    kept = np.flatnonzero(~shapely.is_missing(geometry))
    site, geometry = pieces.site[kept], geometry[kept]
    areas = own = measure(geometry, plane, lon[site], lat[site])
    if method == TBMJ_RATIO and pieces.whole is not None and len(kept):
        recorded = np.asarray(pieces.recorded, dtype=float)[kept]
        wholes = measure(pieces.whole[kept], plane, lon[site], lat[site])
        usable = np.isfinite(recorded) & (wholes > 0)
        areas = np.where(usable, recorded * areas / np.where(wholes > 0, wholes, 1.0), areas)
    codes, names = pieces.code[kept], pieces.name[kept]
    groups = _by_site(site, count)
    covered = _covered(geometry, own if method == TBMJ_RATIO else areas, groups, plane, lon, lat)
    out = []
    for at in groups:
        rows: dict[str, ClassRow] = {}
        for i in at:
            code, name = _text(codes[i]), _text(names[i])
            row = rows.get(code)
            if row is None:
                row = rows[code] = ClassRow(code, class_name(code, name or None),
                                            main_class(code) if code else UNCLASSED, 0.0)
            row.square_metres += float(areas[i])
            row.pieces.append(geometry[i])  # in the plane: to_degrees(piece, plane) for the map
        out.append(sorted(rows.values(),
                          key=lambda r: (MAIN_CLASSES.index(r.main) if r.main in MAIN_CLASSES else 9, r.code)))
    return out, covered


def _inside(pieces: Pieces, count: int, plane: int, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Each site's part inside a control line (its pieces united), and its area."""
    geometry = polygonal(pieces.geometry)
    kept = np.flatnonzero(~shapely.is_missing(geometry))
    inside = _united(geometry[kept], _by_site(pieces.site[kept], count))
    return inside, measure(inside, plane, lon, lat)


def analyse_sites(sites: list, landuse, controls: dict, method: str = ELLIPSOIDAL) -> list[SiteAnalysis]:
    """The tables of many sites (polygons or multipolygons in lon/lat) against
    one land-use input and control inputs (frames in lon/lat, or inputs of
    sources.py / server_overlay.py), in the order given."""
    landuse = as_input(landuse) if landuse is not None else None
    controls = {role: as_input(source) for role, source in controls.items()}
    ready = [prepared(site) for site in sites]
    results: dict[int, SiteAnalysis] = {}
    by_plane: dict[int, list[int]] = defaultdict(list)
    for i, (_site, plane) in enumerate(ready):
        by_plane[plane].append(i)
    for plane, members in by_plane.items():
        degrees = np.empty(len(members), dtype=object)
        degrees[:] = [ready[i][0] for i in members]
        in_plane = to_plane(degrees, plane)
        centres = shapely.centroid(degrees)
        lon, lat = shapely.get_x(centres), shapely.get_y(centres)
        site_areas = measure(in_plane, plane, lon, lat)
        count = len(members)
        if landuse is not None:
            rows, covered = _landuse(landuse.pieces(degrees, in_plane, plane, method == TBMJ_RATIO), count, plane,
                                     lon, lat, method)
        else:
            rows, covered = [[] for _ in range(count)], np.zeros(count)
        lines = {role: _inside(source.pieces(degrees, in_plane, plane, False), count, plane, lon, lat)
                 for role, source in controls.items()}
        for k, i in enumerate(members):
            area = float(site_areas[k])
            found = [ControlResult(role, float(areas[k]), float(areas[k]) / area if area else 0.0, inside[k])
                     for role, (inside, areas) in lines.items()]
            results[i] = SiteAnalysis(area, rows[k], found, method, max(0.0, area - float(covered[k])), plane)
    return [results[i] for i in range(len(sites))]
