"""Where the app's data is expected to lie: Xixia County and its neighbours."""
from __future__ import annotations


# Xixia County spans 110.99–111.83°E, 32.98–33.81°N (the bundled outline). The
# neighbourhood adds about one county on each side (淅川, 内乡, 嵩县, 栾川, 卢氏,
# 商南, 丹凤, 郧县): what a planner here may reasonably open.
XIXIA_BOUNDS = (110.99, 32.98, 111.83, 33.81)
NEIGHBOURHOOD = (110.0, 32.3, 112.7, 34.5)
COUNTY_SEAT = (111.48, 33.30)


def intersects_neighbourhood(bounds) -> bool:
    west, south, east, north = bounds
    n_west, n_south, n_east, n_north = NEIGHBOURHOOD
    return west <= n_east and east >= n_west and south <= n_north and north >= n_south


def km_from_county_seat(lon: float, lat: float) -> float:
    from pyproj import Geod

    return Geod(ellps="WGS84").inv(COUNTY_SEAT[0], COUNTY_SEAT[1], lon, lat)[2] / 1000.0


def centre(bounds) -> tuple[float, float]:
    return (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
