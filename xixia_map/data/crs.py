"""Coordinate reference systems used by Chinese planning data."""
from __future__ import annotations

from functools import lru_cache

from pyproj import Proj

WGS84 = "EPSG:4326"
CGCS2000 = "EPSG:4490"
# CGCS2000 3-degree Gauss-Krüger zone 37 (central meridian 111°E, zone-prefixed
# eastings; Xixia, 110.99–111.83°E, lies wholly inside it), EPSG:4525 written out as its PROJ definition (CGCS2000 uses the GRS80
# ellipsoid). Building it skips the EPSG database search, which costs ~150 ms on
# first use; tests pin it to the EPSG:4525 transformation.
GK3_ZONE37_PROJ = "+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"


@lru_cache(maxsize=None)
def _gk_zone37() -> Proj:
    return Proj(GK3_ZONE37_PROJ)


def to_gk_zone37(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 lon/lat to CGCS2000 GK zone 37 (easting, northing) in metres.

    WGS84 and CGCS2000 differ by centimetres, below any accuracy we hold.
    """
    return _gk_zone37()(lon, lat)


def format_coordinates(lon: float, lat: float, lang: str = "zh") -> str:
    """A point as a planner reads it: lon/lat, then the county's grid by its
    name (2000国家大地坐标系 3度带 第37带), X the northing as surveyors write it."""
    from .crs_words import crs_words

    easting, northing = to_gk_zone37(lon, lat)
    sep = "：" if lang == "zh" else ": "
    return (f"{crs_words(4326, lang)}{sep}{lon:.6f}, {lat:.6f}\n"
            f"{crs_words(4525, lang)}{sep}X={northing:.1f} Y={easting:.1f}")
