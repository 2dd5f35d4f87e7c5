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
import shapely
from pyproj import Transformer

from .areas import ellipsoidal_area
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
    pieces: list = field(default_factory=list, repr=False)  # the site's pieces of this class (lon/lat)


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


def landuse_rows(site, landuse: gpd.GeoDataFrame, method: str = ELLIPSOIDAL,
                 plane: int | None = None) -> tuple[list[ClassRow], float]:
    """The site's area by 地类 (one row per DLBM), and the area no parcel covers.
    `site` in degrees; the overlay is made in `plane` (plane_for: the site's zone)."""
    plane = plane or plane_for(site)
    code_field, name_field = _field(landuse, CODE_FIELDS), _field(landuse, NAME_FIELDS)
    area_field = _field(landuse, AREA_FIELDS)
    near = candidates(landuse, site)
    site_plane = to_plane(site, plane)
    pieces = to_degrees(shapely.intersection(to_plane(near.geometry.values, plane), site_plane), plane)
    rows: dict[str, ClassRow] = {}
    covered = []
    for index, piece in enumerate(pieces):
        piece = _polygonal(piece)
        if piece is None:
            continue
        record = near.iloc[index]
        area = ellipsoidal_area(piece)
        if method == TBMJ_RATIO and area_field is not None:
            recorded = record[area_field]
            whole = ellipsoidal_area(record.geometry)
            if recorded == recorded and recorded is not None and whole > 0:
                area = float(recorded) * area / whole
        code = str(record[code_field]).strip() if code_field and record[code_field] == record[code_field] else ""
        name = class_name(code, str(record[name_field]) if name_field and record[name_field] == record[name_field]
                          else None)
        row = rows.setdefault(code, ClassRow(code, name, main_class(code) if code else UNCLASSED, 0.0))
        row.square_metres += area
        row.pieces.append(piece)
        covered.append(piece)
    site_area = ellipsoidal_area(site)
    covered_area = ellipsoidal_area(to_degrees(shapely.union_all(to_plane(covered, plane)), plane)) if covered else 0.0
    ordered = sorted(rows.values(), key=lambda r: (MAIN_CLASSES.index(r.main) if r.main in MAIN_CLASSES else 9, r.code))
    return ordered, max(0.0, site_area - covered_area)


def control_result(site, role: str, lines: gpd.GeoDataFrame, plane: int | None = None) -> ControlResult:
    """The site's area inside one control line's polygons (their union: overlapping
    polygons of the line are not counted twice)."""
    plane = plane or plane_for(site)
    near = candidates(lines, site)
    inside = None
    if len(near):
        union = shapely.union_all(to_plane(near.geometry.values, plane))
        inside = _polygonal(to_degrees(shapely.intersection(union, to_plane(site, plane)), plane))
    site_area = ellipsoidal_area(site)
    area = ellipsoidal_area(inside) if inside is not None else 0.0
    return ControlResult(role, area, area / site_area if site_area else 0.0, inside)


def analyse_site(site, landuse: gpd.GeoDataFrame | None, controls: dict[str, gpd.GeoDataFrame],
                 method: str = ELLIPSOIDAL) -> SiteAnalysis:
    """The whole table for one site (a polygon or multipolygon in lon/lat)."""
    site = shapely.make_valid(site) if not site.is_valid else site
    plane = plane_for(site)
    site = to_degrees(to_plane(site, plane), plane)  # on the plane's grid, as its pieces will be
    rows, uncovered = landuse_rows(site, landuse, method, plane) if landuse is not None else \
        ([], ellipsoidal_area(site))
    results = [control_result(site, role, frame, plane) for role, frame in controls.items()]
    return SiteAnalysis(ellipsoidal_area(site), rows, results, method, uncovered)
