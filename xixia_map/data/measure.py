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


def format_length(metres: float, lang: str = "zh") -> str:
    """Kilometres with 3 decimals from 1 km, else metres with 1: the same everywhere."""
    return f"{metres / 1000:,.3f} km" if metres >= 1000 else f"{metres:,.1f} m"


def format_area(square_metres: float, exact: bool = False, lang: str = "zh") -> str:
    """m² (or km² from 1 km²), then 公顷, 亩 and, from 10 000 亩, 万亩, each with a
    fixed number of decimals: the units a planner reports in, formatted alike
    (in English: ha and mu). `exact`: m² to a tenth whatever the size (a
    parcel's area in its details)."""
    mu = square_metres / SQUARE_METRES_PER_MU
    if exact:
        main = f"{square_metres:,.1f} m²"
    else:
        main = f"{square_metres / 1e6:,.2f} km²" if square_metres >= 1e6 else f"{square_metres:,.0f} m²"
    if lang != "zh":
        parts = [f"{square_metres / 10000:,.2f} ha", f"{mu:,.1f} mu"]
        return f"{main} ({', '.join(parts)})"
    parts = [f"{square_metres / 10000:,.2f} 公顷", f"{mu:,.1f} 亩"]
    if mu >= 10000:
        parts.append(f"{mu / 10000:,.2f} 万亩")
    return f"{main}（{'，'.join(parts)}）"



def segment_lengths_m(lonlats) -> list[float]:
    """Geodesic length of each leg of a measured line."""
    return [geodesic_length_m([a, b]) for a, b in zip(lonlats, lonlats[1:])]


def geometry_measures(geometry, lang: str = "zh") -> dict[str, str]:
    """Area (m², 亩, 公顷) of a polygon or length (m, km) of a line, geodesic on
    WGS84, as the details of a clicked feature show them; nothing for points.
    Keyed 面积 / 长度 (the details panel names them in its language)."""
    if geometry is None or geometry.is_empty:
        return {}
    kind = geometry.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        area, _perimeter = GEOD.geometry_area_perimeter(geometry)
        area = abs(float(area))
        return {"面积": format_area(area, exact=True, lang=lang)}
    if kind in ("LineString", "MultiLineString"):
        length = float(GEOD.geometry_length(geometry))
        return {"长度": format_length(length, lang)}
    return {}
