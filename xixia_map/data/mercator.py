"""Spherical Web Mercator (EPSG:3857): what tiles and stores are measured in."""
from __future__ import annotations

import numpy as np

EARTH_RADIUS = 6378137.0
MAX_LAT = 85.0511287798066


def to_mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spherical Web Mercator (EPSG:3857) in metres, vectorised."""
    lat = np.clip(lat, -MAX_LAT, MAX_LAT)
    x = np.radians(lon) * EARTH_RADIUS
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * EARTH_RADIUS
    return x, y


def mercator_box(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    """A lon/lat box in Web Mercator metres."""
    (x0, x1), (y0, y1) = to_mercator(np.array([west, east]), np.array([south, north]))
    return float(x0), float(y0), float(x1), float(y1)
