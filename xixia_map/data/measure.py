"""Geodesic distance and area on the WGS84 ellipsoid, in the units planners use."""
from __future__ import annotations

from pyproj import Geod

GEOD = Geod(ellps="WGS84")
SQUARE_METRES_PER_MU = 10000 / 15  # 1 亩 = 666.67 m²


def geodesic_length_m(lonlats) -> float:
    if len(lonlats) < 2:
        return 0.0
    lons, lats = zip(*lonlats)
    return float(GEOD.line_length(lons, lats))


def geodesic_area_m2(lonlats) -> float:
    if len(lonlats) < 3:
        return 0.0
    lons, lats = zip(*lonlats)
    area, _perimeter = GEOD.polygon_area_perimeter(lons, lats)
    return abs(float(area))


def format_length(metres: float) -> str:
    return f"{metres / 1000:.3f} km" if metres >= 1000 else f"{metres:.1f} m"


def format_area(square_metres: float) -> str:
    mu = square_metres / SQUARE_METRES_PER_MU
    main = f"{square_metres / 1e6:.4f} km²" if square_metres >= 1e6 else f"{square_metres:.1f} m²"
    return f"{main} = {mu:,.2f} 亩"


def format_hectares(square_metres: float) -> str:
    return f"{square_metres / 10000:,.4f} 公顷"


def geometry_measures(geometry) -> dict[str, str]:
    """Area (m², 亩, 公顷) of a polygon or length (m, km) of a line, geodesic on
    WGS84, as the details of a clicked feature show them; nothing for points."""
    if geometry is None or geometry.is_empty:
        return {}
    kind = geometry.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        area, _perimeter = GEOD.geometry_area_perimeter(geometry)
        area = abs(float(area))
        return {"面积": f"{area:,.1f} m² = {area / SQUARE_METRES_PER_MU:,.2f} 亩 = {format_hectares(area)}"}
    if kind in ("LineString", "MultiLineString"):
        length = float(GEOD.geometry_length(geometry))
        return {"长度": f"{length:,.1f} m = {length / 1000:,.3f} km"}
    return {}
