"""China's obfuscated coordinate systems: GCJ-02 ("Mars coordinates") and BD-09.

Amap, Tencent and most Chinese web maps publish GCJ-02; Baidu publishes BD-09.
Both are WGS84 plus a deterministic, non-linear offset of a few hundred metres,
applied only inside China. The forward formulas are public; the inverse has no
closed form, so it is solved by fixed-point iteration until the forward
transform of the answer lands within ~1 mm of the input.

All functions work on scalars or numpy arrays (lon, lat in degrees).
"""
from __future__ import annotations

import math

import numpy as np

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0

# The offset is applied only inside this rough box around mainland China;
# outside it GCJ-02 equals WGS84.
CHINA_LON = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)


def in_china(lon, lat):
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (
        (lon >= CHINA_LON[0]) & (lon <= CHINA_LON[1])
        & (lat >= CHINA_LAT[0]) & (lat <= CHINA_LAT[1])
    )


def _delta(lon, lat):
    x = lon - 105.0
    y = lat - 35.0
    d_lat = (
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    d_lon = (
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad_lat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return d_lon, d_lat


def _as_arrays(lon, lat):
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _like_input(lon_in, arr):
    return float(arr) if np.ndim(lon_in) == 0 else arr


def wgs84_to_gcj02(lon, lat):
    lon_a, lat_a = _as_arrays(lon, lat)
    d_lon, d_lat = _delta(lon_a, lat_a)
    inside = in_china(lon_a, lat_a)
    out_lon = np.where(inside, lon_a + d_lon, lon_a)
    out_lat = np.where(inside, lat_a + d_lat, lat_a)
    return _like_input(lon, out_lon), _like_input(lon, out_lat)


def gcj02_to_wgs84(lon, lat, tolerance_deg: float = 1e-9, max_iter: int = 30):
    """Invert GCJ-02 by iteration; converges to < 1e-9 deg (~0.1 mm) in a few steps."""
    lon_a, lat_a = _as_arrays(lon, lat)
    guess_lon, guess_lat = lon_a.copy(), lat_a.copy()
    for _ in range(max_iter):
        fwd_lon, fwd_lat = wgs84_to_gcj02(guess_lon, guess_lat)
        err_lon = np.asarray(fwd_lon) - lon_a
        err_lat = np.asarray(fwd_lat) - lat_a
        guess_lon = guess_lon - err_lon
        guess_lat = guess_lat - err_lat
        if np.all(np.abs(err_lon) < tolerance_deg) and np.all(np.abs(err_lat) < tolerance_deg):
            break
    return _like_input(lon, guess_lon), _like_input(lon, guess_lat)


def gcj02_to_bd09(lon, lat):
    lon_a, lat_a = _as_arrays(lon, lat)
    z = np.sqrt(lon_a * lon_a + lat_a * lat_a) + 0.00002 * np.sin(lat_a * _X_PI)
    theta = np.arctan2(lat_a, lon_a) + 0.000003 * np.cos(lon_a * _X_PI)
    return _like_input(lon, z * np.cos(theta) + 0.0065), _like_input(lon, z * np.sin(theta) + 0.006)


def bd09_to_gcj02(lon, lat):
    lon_a, lat_a = _as_arrays(lon, lat)
    x = lon_a - 0.0065
    y = lat_a - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return _like_input(lon, z * np.cos(theta)), _like_input(lon, z * np.sin(theta))


def bd09_to_wgs84(lon, lat):
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def wgs84_to_bd09(lon, lat):
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


_TO_WGS84 = {"wgs84": None, "gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}
OFFSET_SYSTEMS = tuple(_TO_WGS84)


def coordinates_to_wgs84(xy: np.ndarray, system: str) -> np.ndarray:
    """An (n, 2) array of lon/lat in `system`, in WGS84."""
    func = _TO_WGS84[system]
    if func is None or len(xy) == 0:
        return xy
    lon, lat = func(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def transform_geometry_to_wgs84(geometry, system: str):
    """Return a shapely geometry moved from GCJ-02 or BD-09 to WGS84."""
    import shapely

    func = _TO_WGS84[system]
    if func is None or geometry is None:
        return geometry

    def _xy(coords):
        lon, lat = func(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, _xy)
