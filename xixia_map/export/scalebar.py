"""A scale bar that is true at the map's centre latitude (Web Mercator)."""
from __future__ import annotations

import math

from ..map.scale import metres_per_pixel

NICE_STEPS = (1, 2, 5)


def nice_length(max_metres: float) -> float:
    """The largest 1/2/5 × 10^n metres not above `max_metres`."""
    exponent = math.floor(math.log10(max_metres))
    best = 10 ** exponent
    for step in NICE_STEPS:
        candidate = step * 10 ** exponent
        if candidate <= max_metres:
            best = candidate
    return float(best)


def scale_bar(lat: float, zoom: float, css_px_per_mm: float, max_mm: float) -> tuple[float, float, str]:
    """(length in metres, length in mm on paper, label) for a bar up to max_mm long."""
    metres_per_mm = metres_per_pixel(lat, zoom) * css_px_per_mm
    metres = nice_length(max_mm * metres_per_mm)
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    return metres, metres / metres_per_mm, label
