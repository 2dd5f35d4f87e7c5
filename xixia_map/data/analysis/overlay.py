"""What a site takes: its area by 地类 and 三大类, and its overlap with each
control line, computed exactly (shapely's overlay of the polygons, no
rasterising) and measured on the ellipsoid (areas.py).

The overlay is made in a Gauss-Krüger plane (the CGCS2000 3° zone of the site,
the plane 三调 and county surveys are drawn in), not in longitude/latitude: an
edge straight in the survey's plane is slightly curved in degrees, so two
parcels that share a boundary vertex-for-vertex in the plane would leave
slivers against a site edge drawn across them in degrees. Moving the layers'
degrees back to the plane gives the surveyed coordinates again (to well under
a micrometre), and the pieces are then measured on the ellipsoid.

A parcel that carries TBMJ (its area as 三调 recorded it) can give its pieces
their share of that figure (`TBMJ_RATIO`: piece = TBMJ × piece's area ÷ the
parcel's area, as many 压占 reports do), or their own ellipsoidal area
(`ELLIPSOIDAL`, the default: the pieces then add up to the site's area). The
result says which it used."""
from __future__ import annotations

from dataclasses import dataclass, field

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from .areas import areas_from_plane
from .classes import MAIN_CLASSES, UNCLASSED, class_name, is_cultivated, main_class

ELLIPSOIDAL, TBMJ_RATIO = "ellipsoidal", "tbmj_ratio"
CODE_FIELDS = ("DLBM", "dlbm", "地类编码")
NAME_FIELDS = ("DLMC", "dlmc", "地类名称")
AREA_FIELDS = ("TBMJ", "tbmj", "图斑面积")


@dataclass
class ClassRow:
    code: str
    name: str
    main: str  # 农用地 / 建设用地 / 未利用地
    square_metres: float
    pieces: list = field(default_factory=list, repr=False)  # the site's pieces of this class, in the GK plane


@dataclass
class ControlResult:
    role: str
    square_metres: float  # the site's area inside the control line
    share: float  # of the site
    pieces: object = field(default=None, repr=False)

    @property
    def touches(self) -> bool:
        """是/否: the site takes area of the line (touching along an edge takes none)."""
        return self.square_metres > 0.0


@dataclass
class SiteAnalysis:
    site_square_metres: float
    rows: list[ClassRow]
    controls: list[ControlResult]
    method: str
    uncovered_square_metres: float  # the site's area that no land-use parcel covers
    plane: int | None = None  # EPSG of the Gauss-Krüger plane the pieces are in (plane_for)

    def by_main_class(self) -> dict[str, float]:
        totals = {name: 0.0 for name in MAIN_CLASSES}
        for row in self.rows:
            totals[row.main] = totals.get(row.main, 0.0) + row.square_metres
        return totals

    @property
    def cultivated_square_metres(self) -> float:
        """耕地 (0101 水田, 0102 水浇地, 0103 旱地)."""
        return sum(r.square_metres for r in self.rows if is_cultivated(r.code))

    def control(self, role: str) -> ControlResult | None:
        return next((c for c in self.controls if c.role == role), None)


def plane_for(site) -> int:
    """EPSG of the CGCS2000 3° Gauss-Krüger zone (central meridian, no zone
    prefix: EPSG:4534 for 75°E … 4554 for 135°E) the site's centre falls in."""
    lon = site.centroid.x
    central = min(135, max(75, 3 * round(lon / 3)))
    return 4534 + (central - 75) // 3


@lru_cache(maxsize=16)
def _transformers(epsg: int):
    return (Transformer.from_crs(4326, epsg, always_xy=True), Transformer.from_crs(epsg, 4326, always_xy=True))


def _moved(geometries, transformer):
    return shapely.transform(geometries, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


# Vertices meet on a 0.1 mm grid in the plane: a survey's coordinates, moved to
# degrees and back, come back within a nanometre, not exactly, and two layers'
# copies of one boundary would leave slivers of 1e-7 m² between them.
GRID_M = 1e-4


def to_plane(geometries, epsg: int):
    """In the plane, vertices on the GRID_M grid; the overlay itself then runs in
    full precision (a geometry's grid would round its results too)."""
    return shapely.set_precision(shapely.set_precision(_moved(geometries, _transformers(epsg)[0]), GRID_M), 0)


def to_degrees(geometries, epsg: int):
    return _moved(geometries, _transformers(epsg)[1])


def _field(frame, names) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def _polygonal(geometry):
    """The polygons of an overlay's result (a touch along an edge leaves a line: no area)."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def candidates(frame: gpd.GeoDataFrame, site) -> gpd.GeoDataFrame:
    """The rows whose box meets the site's, through the frame's spatial index."""
    hits = frame.sindex.query(site, predicate="intersects")
    return frame.iloc[np.sort(hits)]


def _column(frame, field):
    return frame[field].to_numpy(dtype=object) if field else np.full(len(frame), None, dtype=object)


def landuse_rows(site, landuse: gpd.GeoDataFrame, method: str = ELLIPSOIDAL,
                 plane: int | None = None) -> tuple[list[ClassRow], float]:
    """The site's area by 地类 (one row per DLBM), and the area no parcel covers.
    `site` in degrees; the overlay is made in `plane` (plane_for: the site's zone),
    all pieces at once, and measured on the ellipsoid (areas_from_plane)."""
    plane = plane or plane_for(site)
    centre = site.centroid
    near = candidates(landuse, site)
    site_plane = to_plane(site, plane)
    parcels = to_plane(near.geometry.values, plane)
    pieces = np.array([_polygonal(p) for p in shapely.intersection(parcels, site_plane)], dtype=object)
    kept = np.array([p is not None for p in pieces], dtype=bool)
    pieces, parcels = pieces[kept], parcels[kept]
    codes = _column(near, _field(landuse, CODE_FIELDS))[kept]
    names = _column(near, _field(landuse, NAME_FIELDS))[kept]
    areas = areas_from_plane(pieces, plane, centre.x, centre.y) if len(pieces) else np.zeros(0)
    area_field = _field(landuse, AREA_FIELDS)
    if method == TBMJ_RATIO and area_field is not None and len(pieces):
        recorded = pd.to_numeric(pd.Series(_column(near, area_field)[kept]), errors="coerce").to_numpy(float)
        wholes = areas_from_plane(parcels, plane, centre.x, centre.y)
        usable = np.isfinite(recorded) & (wholes > 0)
        areas = np.where(usable, recorded * areas / np.where(wholes > 0, wholes, 1.0), areas)
    rows: dict[str, ClassRow] = {}
    for piece, area, code, name in zip(pieces, areas, codes, names):
        code = "" if code is None or code != code else str(code).strip()
        row = rows.get(code)
        if row is None:
            row = rows[code] = ClassRow(code, class_name(code, None if name is None or name != name else str(name)),
                                        main_class(code) if code else UNCLASSED, 0.0)
        row.square_metres += float(area)
        row.pieces.append(piece)  # in the plane: to_degrees(piece, plane) for the map
    site_area = float(areas_from_plane([site_plane], plane, centre.x, centre.y)[0])
    covered_area = float(areas_from_plane([shapely.union_all(pieces)], plane, centre.x, centre.y)[0]) \
        if len(pieces) else 0.0
    ordered = sorted(rows.values(), key=lambda r: (MAIN_CLASSES.index(r.main) if r.main in MAIN_CLASSES else 9, r.code))
    return ordered, max(0.0, site_area - covered_area)


def control_result(site, role: str, lines: gpd.GeoDataFrame, plane: int | None = None) -> ControlResult:
    """The site's area inside one control line's polygons (their union: overlapping
    polygons of the line are not counted twice)."""
    plane = plane or plane_for(site)
    centre = site.centroid
    near = candidates(lines, site)
    site_plane = to_plane(site, plane)
    inside = None
    if len(near):
        inside = _polygonal(shapely.intersection(shapely.union_all(to_plane(near.geometry.values, plane)), site_plane))
    site_area = float(areas_from_plane([site_plane], plane, centre.x, centre.y)[0])
    area = float(areas_from_plane([inside], plane, centre.x, centre.y)[0]) if inside is not None else 0.0
    return ControlResult(role, area, area / site_area if site_area else 0.0, inside)


def analyse_site(site, landuse: gpd.GeoDataFrame | None, controls: dict[str, gpd.GeoDataFrame],
                 method: str = ELLIPSOIDAL) -> SiteAnalysis:
    """The whole table for one site (a polygon or multipolygon in lon/lat)."""
    site = shapely.make_valid(site) if not site.is_valid else site
    plane = plane_for(site)
    site = to_degrees(to_plane(site, plane), plane)  # on the plane's grid, as its pieces will be
    centre = site.centroid
    site_area = float(areas_from_plane([to_plane(site, plane)], plane, centre.x, centre.y)[0])
    rows, uncovered = landuse_rows(site, landuse, method, plane) if landuse is not None else ([], site_area)
    results = [control_result(site, role, frame, plane) for role, frame in controls.items()]
    return SiteAnalysis(site_area, rows, results, method, uncovered, plane)
