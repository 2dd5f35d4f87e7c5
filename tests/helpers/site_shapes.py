"""Sites drawn in the CGCS2000 3° Gauss-Krüger plane of zone 37 (西峡), moved
to lon/lat, and the independent reference for their areas: pyproj's Geod on
GRS80 (CGCS2000's ellipsoid)."""
from __future__ import annotations

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry.polygon import orient

TO_LONLAT = Transformer.from_crs(4525, 4326, always_xy=True)
GEOD = Geod(ellps="GRS80")


def lonlat(geometry):
    """A geometry in the zone-37 plane (EPSG:4525), in lon/lat."""
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1])))


def geod_area(projected) -> float:
    """The piece made in the plane, its vertices moved to lon/lat, Geod's area
    (each part and ring oriented as Geod wants them)."""
    parts = getattr(projected, "geoms", [projected])
    return sum(abs(GEOD.geometry_area_perimeter(orient(lonlat(p), 1.0))[0]) for p in parts if not p.is_empty)
