"""Guess the CRS of coordinates from their ranges, for files that carry none.

Chinese planning data without a .prj is common. The guesses are offered to the
user to confirm, never applied silently. Ranges are for Xixia's surroundings
(central meridian 111°E): 3° zone 37, 6° zone 19.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyproj import CRS, Transformer


@dataclass(frozen=True)
class CrsGuess:
    epsg: int
    name: str
    reason: str

    @property
    def crs(self) -> CRS:
        return CRS.from_epsg(self.epsg)


def _within(values, low, high) -> bool:
    return all(low <= v <= high for v in values)


def guess_crs(bounds) -> list[CrsGuess]:
    """Candidates, best first, for (minx, miny, maxx, maxy) of coordinates without a CRS."""
    minx, miny, maxx, maxy = bounds
    xs, ys = (minx, maxx), (miny, maxy)
    guesses: list[CrsGuess] = []
    if _within(xs, -180, 180) and _within(ys, -90, 90):
        guesses.append(CrsGuess(4490, "CGCS2000 经纬度 (≈WGS84)", "coordinates are degrees of lon/lat"))
        guesses.append(CrsGuess(4326, "WGS84 经纬度", "coordinates are degrees of lon/lat"))
    if _within(xs, 37_000_000, 37_999_999) and _within(ys, 0, 10_000_000):
        guesses.append(CrsGuess(4525, "CGCS2000 3° 高斯-克吕格 37 带",
                                "8-digit eastings starting with 37 (zone prefix)"))
    if _within(xs, 19_000_000, 19_999_999) and _within(ys, 0, 10_000_000):
        guesses.append(CrsGuess(4497, "CGCS2000 6° 高斯-克吕格 19 带",
                                "8-digit eastings starting with 19 (zone prefix)"))
    if _within(xs, 200_000, 800_000) and _within(ys, 2_000_000, 6_000_000):
        guesses.append(CrsGuess(4546, "CGCS2000 3° 高斯-克吕格 中央经线 111°E",
                                "eastings near 500 000 m without a zone prefix"))
        guesses.append(CrsGuess(4508, "CGCS2000 6° 高斯-克吕格 中央经线 111°E",
                                "eastings near 500 000 m without a zone prefix (same projection)"))
    return guesses


def to_wgs84_bounds(bounds, epsg: int):
    transformer = Transformer.from_crs(epsg, 4326, always_xy=True)
    return transformer.transform_bounds(*bounds)
