"""GCJ-02 / BD-09 against published reference pairs, round trips, and no-op outside China."""
import numpy as np
import pytest
from pyproj import Geod

from xixia_map.data.chinese_offsets import (
    bd09_to_wgs84, gcj02_to_bd09, gcj02_to_wgs84, wgs84_to_bd09, wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")
# (wgs lon, wgs lat, gcj lon, gcj lat): googollee/eviltransform test vectors.
GCJ_PAIRS = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),   # Shanghai
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),   # Shenzhen
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),   # Beijing
]


def metres(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


@pytest.mark.parametrize("wlon,wlat,glon,glat", GCJ_PAIRS)
def test_wgs84_to_gcj02_matches_published_pairs(wlon, wlat, glon, glat):
    lon, lat = wgs84_to_gcj02(wlon, wlat)
    assert metres(lon, lat, glon, glat) < 0.01


@pytest.mark.parametrize("wlon,wlat,glon,glat", GCJ_PAIRS)
def test_gcj02_to_wgs84_inverts_published_pairs(wlon, wlat, glon, glat):
    lon, lat = gcj02_to_wgs84(glon, glat)
    assert metres(lon, lat, wlon, wlat) < 0.01


def test_gcj02_to_bd09_matches_gcoord_reference():
    # hujiulong/gcoord unit test: GCJ02 [123, 45] -> BD09 [123.00636499, 45.00636899]
    lon, lat = gcj02_to_bd09(123.0, 45.0)
    assert lon == pytest.approx(123.00636499, abs=1e-7)
    assert lat == pytest.approx(45.00636899, abs=1e-7)


def test_offset_is_hundreds_of_metres_at_xixia():
    lon, lat = wgs84_to_gcj02(111.48, 33.305)
    shift = metres(111.48, 33.305, lon, lat)
    assert 300 < shift < 800


def test_round_trips_under_one_metre_across_china():
    rng = np.random.default_rng(7)
    lons = rng.uniform(75, 134, 2000)
    lats = rng.uniform(18, 53, 2000)
    for forward, inverse in ((wgs84_to_gcj02, gcj02_to_wgs84), (wgs84_to_bd09, bd09_to_wgs84)):
        back_lon, back_lat = inverse(*forward(lons, lats))
        errors = GEOD.inv(lons, lats, back_lon, back_lat)[2]
        assert errors.max() < 1.0


def test_no_change_outside_china():
    for lon, lat in [(2.35, 48.85), (-74.0, 40.7), (151.2, -33.9)]:
        assert wgs84_to_gcj02(lon, lat) == (lon, lat)
        assert gcj02_to_wgs84(lon, lat) == (lon, lat)
