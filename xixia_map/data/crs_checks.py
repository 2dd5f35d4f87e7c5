"""Bring a frame to EPSG:4326, or ask the planner when its CRS is missing or wrong.

A question (CrsQuestion) carries guesses from the coordinate ranges, each
possibly with the axes swapped; the window asks, the CLI names the options.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from .crs_inference import CrsGuess, guess_crs, lands_near_xixia
from .errors import DataError
from .feature_checks import drop_non_finite, drop_out_of_range
from .messages import number, say
from .read_report import ReadReport
from .region import centre, intersects_neighbourhood, km_from_county_seat


class CrsQuestion(DataError):
    """The CRS is missing or does not fit the coordinates: the caller may ask the
    user and retry with `assume_crs` (and `swap_axes`). `guesses` are best first."""

    def __init__(self, path, problem, bounds, guesses: list[CrsGuess]):
        super().__init__(path, problem)
        self.bounds = bounds
        self.guesses = guesses


MissingCrsError = CrsQuestion  # the name callers used before wrong CRSs were asked about too


# How far past ±180/±90 a coordinate may lie and still count as lon/lat. Data
# made by reprojecting or clipping to the antimeridian carries rounding there:
# Natural Earth's naturalearth_lowres has x = 180.00000000000006, two steps of
# a double's spacing (2.8e-14) past 180. 1e-9 degrees is about 0.1 mm on the
# ground: thousands of times any such rounding, and far below anything a survey
# can mean, so a coordinate beyond it is a real out-of-range value.
ROUNDING_DEGREES = 1e-9


def looks_geographic(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    lon, lat = 180 + ROUNDING_DEGREES, 90 + ROUNDING_DEGREES
    return -lon <= minx <= maxx <= lon and -lat <= miny <= maxy <= lat


def _shown(value: float, limit: float) -> str:
    """A bound as a person reads it, but with every digit where rounding would
    hide why it is out of range (180.0000001 is not '180')."""
    text = number(value)
    if np.isfinite(value) and abs(value) > limit and abs(float(text)) <= limit:
        return repr(float(value))
    return text


def _ranges(bounds) -> str:
    minx, miny, maxx, maxy = bounds
    return f"x {_shown(minx, 180)}…{_shown(maxx, 180)}, y {_shown(miny, 90)}…{_shown(maxy, 90)}"


def _best(guesses: list[CrsGuess]) -> str:
    if not guesses:
        return ""
    g = guesses[0]
    return f" (EPSG:{g.epsg}{', X/Y swapped' if g.swap else ''}?)"


def _best_zh(guesses: list[CrsGuess]) -> str:
    if not guesses:
        return ""
    g = guesses[0]
    return f"（可能是 EPSG:{g.epsg} {g.name}{'，X/Y 互换' if g.swap else ''}）"


def swap_axes(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame[frame.geometry.name] = shapely.transform(frame.geometry.values, lambda xy: xy[:, ::-1].copy())
    return frame


def _ask(path, bounds, en: str, zh: str) -> CrsQuestion:
    guesses = guess_crs(bounds)
    return CrsQuestion(path, say(en + _best(guesses), zh + _best_zh(guesses)), tuple(bounds), guesses)


def normalise(path, frame, names, report: ReadReport, assume_crs=None, swap=False):
    if swap:
        frame = swap_axes(frame)
        report.swapped_axes = True
    bounds = tuple(float(b) for b in frame.total_bounds)
    declared = frame.crs
    if assume_crs is not None:
        frame = frame.set_crs(assume_crs, allow_override=True)
        crs_text = f"EPSG:{assume_crs}" if isinstance(assume_crs, int) else str(assume_crs)
        if declared is not None and not declared.equals(frame.crs):
            report.warnings.append(say(f"the file declares {declared.to_string()}; read as {crs_text}, as chosen",
                                       f"文件声明的坐标系为 {declared.to_string()}，已按所选 {crs_text} 读取"))
        else:
            report.assumed_crs = crs_text
    elif declared is None:
        if not looks_geographic(bounds):
            raise _ask(path, bounds, f"the file has no CRS and its coordinates ({_ranges(bounds)}) are not lon/lat",
                       f"文件没有坐标系，坐标（{_ranges(bounds)}）不是经纬度")
        report.assumed_crs = "EPSG:4326 (WGS84/CGCS2000 lon/lat)"
        frame = frame.set_crs(4326)
    else:
        report.source_crs = declared.to_string()
        if declared.is_geographic and not looks_geographic(bounds):
            raise _ask(path, bounds, f"the file declares the geographic CRS {declared.to_string()}, but its "
                                     f"coordinates ({_ranges(bounds)}) are not lon/lat",
                       f"文件声明为地理坐标系 {declared.to_string()}，但坐标（{_ranges(bounds)}）不是经纬度")
        if declared.is_projected and looks_geographic(bounds) and max(map(abs, bounds)) < 1000:
            raise _ask(path, bounds, f"the file declares the projected CRS {declared.to_string()} (metres), but its "
                                     f"coordinates ({_ranges(bounds)}) look like degrees",
                       f"文件声明为投影坐标系 {declared.to_string()}（米），但坐标（{_ranges(bounds)}）像是经纬度")
    crs = frame.crs
    if not swap and not lands_near_xixia(bounds, crs) and lands_near_xixia(bounds, crs, swap=True):
        name = crs.to_string()
        guess = CrsGuess(crs.to_epsg() or 4326, name, "with X and Y exchanged the data lies in Xixia", True,
                         "交换 X/Y 后数据位于西峡")
        raise CrsQuestion(path, say(f"X and Y look swapped: read as {name} the data lies far from Xixia, swapped "
                                    "it lies inside (confirm the swap)",
                                    f"X/Y 坐标似乎颠倒：按 {name} 读取时数据远离西峡，交换后位于西峡（请确认交换）"),
                          bounds, [guess] + [g for g in guess_crs(bounds) if (g.epsg, g.swap) != (guess.epsg, True)])
    if not crs.equals(CRS.from_epsg(4326)):
        try:
            frame = frame.to_crs(4326)
        except Exception as exc:  # pyproj's own errors for a CRS it cannot transform
            raise DataError(path, say(f"cannot convert from {crs.to_string()} to lon/lat ({exc})",
                                      f"无法从 {crs.to_string()} 转换为经纬度（{exc}）")) from None
        frame, names = drop_non_finite(path, frame, names, report, after=crs.to_string())
        frame, names = drop_out_of_range(path, frame, names, report)
    _warn_if_far(frame, report)
    return frame, names


def _warn_if_far(frame, report: ReadReport) -> None:
    bounds = tuple(float(b) for b in frame.total_bounds)
    if not np.isfinite(bounds).all() or intersects_neighbourhood(bounds):
        return
    lon, lat = centre(bounds)
    km = km_from_county_seat(lon, lat)
    report.warnings.append(say(
        f"the whole file lies outside Xixia and its neighbouring counties (centre lon {number(round(lon, 4))}, "
        f"lat {number(round(lat, 4))}, {km:,.0f} km from the county seat): check its CRS",
        f"整个文件位于西峡县及周边县之外（中心经度 {number(round(lon, 4))}、纬度 {number(round(lat, 4))}，"
        f"距县城 {km:,.0f} 公里），请核对坐标系"))
