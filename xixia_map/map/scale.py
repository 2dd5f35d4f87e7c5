"""Ground resolution and map scale of Web Mercator views."""
from __future__ import annotations

import math

EARTH_CIRCUMFERENCE_M = 40075016.686
SCREEN_DPI = 96.0


def metres_per_pixel(lat: float, zoom: float) -> float:
    return EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / (256 * 2 ** zoom)


def scale_denominator(lat: float, zoom: float, dpi: float = SCREEN_DPI) -> float:
    return metres_per_pixel(lat, zoom) * dpi / 0.0254
