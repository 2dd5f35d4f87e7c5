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

import numpy as np
import shapely
from pyproj import Transformer

from .classes import MAIN_CLASSES, is_cultivated

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
    plane: int  # EPSG of the Gauss-Krüger plane the pieces are in (plane_for)

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


def on_grid(geometries):
    """Vertices rounded to the GRID_M grid (half up, as GEOS rounds); the few a
    rounding leaves invalid (a sliver collapsed) are reduced by GEOS's precision
    reducer instead, which keeps them valid. Rounding is 20 times faster than the
    reducer for all, and the overlay then runs in full precision (a geometry's
    precision grid would round its results too)."""
    single = isinstance(geometries, shapely.Geometry)
    geometries = np.asarray([geometries] if single else geometries, dtype=object)
    rounded = shapely.transform(geometries, lambda xy: np.floor(xy / GRID_M + 0.5) * GRID_M)
    bad = np.flatnonzero(~shapely.is_valid(rounded) & ~shapely.is_missing(rounded))
    if len(bad):
        rounded[bad] = shapely.set_precision(shapely.set_precision(geometries[bad], GRID_M), 0)
    return rounded[0] if single else rounded


def to_plane(geometries, epsg: int):
    """In the plane, vertices on the GRID_M grid (on_grid)."""
    return on_grid(_moved(geometries, _transformers(epsg)[0]))


def to_degrees(geometries, epsg: int):
    return _moved(geometries, _transformers(epsg)[1])


def _polygonal(geometry):
    """The polygons of an overlay's result (a touch along an edge leaves a line: no area)."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def control_result(site, role: str, lines) -> ControlResult:
    """The site's area inside one control line's polygons (their union: overlapping
    polygons of the line are not counted twice)."""
    from .block import analyse_sites

    return analyse_sites([site], None, {role: lines})[0].controls[0]


def analyse_site(site, landuse, controls: dict, method: str = ELLIPSOIDAL) -> SiteAnalysis:
    """The whole table for one site (a polygon or multipolygon in lon/lat):
    `landuse` and each control line a frame in lon/lat or an input of sources.py
    (a file, a large layer's store) or server_overlay.py (a PostGIS table).
    A block of one (block.py), so a site alone and in a register agree."""
    from .block import analyse_sites

    return analyse_sites([site], landuse, controls, method)[0]
