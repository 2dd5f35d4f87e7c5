"""Guess the CRS of coordinates from their ranges, for files that carry none or a wrong one.

Chinese planning data without a .prj is common, and so are two axis mix-ups:
latitude written before longitude, and survey tables whose X is the northing
(Chinese surveying names the north axis X). Each guess is tried on the
coordinates as written and with the axes swapped; guesses that put the data
near Xixia come first. They are offered to the planner to confirm, never
applied silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS, Transformer

from .region import intersects_neighbourhood


@dataclass(frozen=True)
class CrsGuess:
    epsg: int
    name: str
    reason: str
    swap: bool = False
    reason_zh: str = ""  # the file's x and y must be exchanged first

    @property
    def crs(self) -> CRS:
        return CRS.from_epsg(self.epsg)

    def label(self, lang: str = "zh") -> str:
        swapped = ("，X/Y 互换" if lang == "zh" else ", X and Y swapped") if self.swap else ""
        reason = self.reason_zh if lang == "zh" and self.reason_zh else self.reason
        return f"EPSG:{self.epsg}  {self.name}{swapped}（{reason}）" if lang == "zh" else \
            f"EPSG:{self.epsg}  {self.name}{swapped}  ({reason})"


def _within(values, low, high) -> bool:
    return all(low <= v <= high for v in values)


# The grids a Chinese file without a .prj may be on, for each form its
# coordinates can take: the national datum first, then 西安80 and 北京54, which
# older county surveys still use (the three differ by tens of metres to ~100 m
# here, so the ranges cannot tell them apart: the planner chooses).
DEGREES = (4490, 4326, 4610, 4214)
ZONE37_3DEG = (4525, 2361, 2413)
ZONE19_6DEG = (4497, 2333, 21419)
CM111_3DEG = (4546, 2382, 2434)
CM111_6DEG = (4508, 2344, 21459)


def _candidates(bounds) -> list[tuple[int, str, str, str]]:
    from .crs_words import crs_words

    minx, miny, maxx, maxy = bounds
    xs, ys = (minx, maxx), (miny, maxy)
    forms: list[tuple[tuple[int, ...], str, str]] = []
    if _within(xs, -180, 180) and _within(ys, -90, 90):
        forms.append((DEGREES, "coordinates are degrees of lon/lat", "坐标为经纬度"))
    if _within(xs, 37_000_000, 37_999_999) and _within(ys, 0, 10_000_000):
        forms.append((ZONE37_3DEG, "8-digit eastings starting with 37 (zone prefix)", "8 位横坐标以 37 开头（带号）"))
    if _within(xs, 19_000_000, 19_999_999) and _within(ys, 0, 10_000_000):
        forms.append((ZONE19_6DEG, "8-digit eastings starting with 19 (zone prefix)", "8 位横坐标以 19 开头（带号）"))
    if _within(xs, 200_000, 800_000) and _within(ys, 2_000_000, 6_000_000):
        forms.append((CM111_3DEG, "eastings near 500 000 m without a zone prefix", "横坐标约 500 000 米，无带号"))
        forms.append((CM111_6DEG, "eastings near 500 000 m without a zone prefix (6° zone, same central meridian)",
                      "横坐标约 500 000 米，无带号（6 度带，中央经线相同）"))
    return [(epsg, crs_words(epsg), reason, reason_zh) for codes, reason, reason_zh in forms for epsg in codes]


def lands_near_xixia(bounds, crs, swap: bool = False) -> bool:
    """Whether coordinates with these bounds, read in `crs` (axes swapped first if
    asked), fall in Xixia or a neighbouring county."""
    if swap:
        bounds = (bounds[1], bounds[0], bounds[3], bounds[2])
    try:
        converted = _to_wgs84(crs if isinstance(crs, int) else CRS.from_user_input(crs).to_wkt()).transform_bounds(*bounds)
    except Exception:  # pyproj raises for points outside the projection's domain
        return False
    return intersects_neighbourhood(converted)


@lru_cache(maxsize=32)
def _to_wgs84(crs) -> Transformer:
    """Building a transformer costs ~75 ms (PROJ's database); a CRS question tries several."""
    return Transformer.from_crs(crs, 4326, always_xy=True)


def transformer_to_wgs84(crs) -> Transformer:
    """A cached transformer from `crs` to lon/lat (x first)."""
    return _to_wgs84(crs)


def guess_crs(bounds) -> list[CrsGuess]:
    """Candidates, best first, for (minx, miny, maxx, maxy) of coordinates without a CRS."""
    minx, miny, maxx, maxy = bounds
    guesses = [CrsGuess(e, n, r, reason_zh=z) for e, n, r, z in _candidates(bounds)]
    swapped = (miny, minx, maxy, maxx)
    guesses += [CrsGuess(e, n, f"the axes are swapped: X holds the northing (or latitude); {r}", True,
                         f"坐标轴互换：X 为北坐标（或纬度）；{z}")
                for e, n, r, z in _candidates(swapped)]
    # Near Xixia first; among those, the order above (as written before swapped).
    return sorted(guesses, key=lambda g: not lands_near_xixia(bounds, g.epsg, g.swap))
