"""A project position typed as coordinates, and the precision its digits carry.

Three systems a county planner meets: WGS84 degrees (a phone or a web map),
CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525; eastings carry the zone number,
37 4xx xxx m) and the same projection without the zone prefix, central
meridian 111°E (EPSG:4546; eastings 4xx xxx m), as surveyors' 坐标成果表 give.
Chinese survey tables call the northing X and the easting Y: the form asks for
东坐标 and 北坐标 by name, and values typed the other way round are recognised
(only the swapped reading lies in Xixia) and used swapped, with a notice.

A value typed with d decimals is good to half its last digit: 0.5·10⁻ᵈ m for
metres, 0.5·10⁻ᵈ degrees of arc in metres for degrees (the longer of the two
axes' arcs at the position, so the figure is never better than typed).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..messages import Text, say
from ..region import XIXIA_BOUNDS

METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class CoordinateSystem:
    key: str
    epsg: int
    degrees: bool
    name_zh: str
    name_en: str


SYSTEMS = (
    CoordinateSystem("wgs84", 4326, True, "WGS84 经纬度（度）", "WGS84 longitude/latitude (degrees)"),
    CoordinateSystem("gk37", 4525, False, "CGCS2000 高斯-克吕格 3° 带 第 37 带（东坐标带带号）",
                     "CGCS2000 Gauss-Krüger 3° zone 37 (easting with zone number)"),
    CoordinateSystem("cm111", 4546, False, "CGCS2000 高斯-克吕格 中央经线 111°E（不带带号）",
                     "CGCS2000 Gauss-Krüger CM 111°E (no zone number)"),
)
BY_KEY = {s.key: s for s in SYSTEMS}


class PositionError(ValueError):
    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True)
class TypedPosition:
    lon: float
    lat: float
    accuracy_m: float
    swapped: bool  # the two values were typed the other way round


def _number(text: str, what_en: str, what_zh: str) -> Decimal:
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise PositionError(say(f"the {what_en} '{text}' is not a number", f"{what_zh}“{text}”不是数字")) from None
    if not value.is_finite() or not math.isfinite(float(value)):
        raise PositionError(say(f"the {what_en} '{text}' is not a usable number", f"{what_zh}“{text}”不是可用的数值"))
    return value


def _half_last_digit(value: Decimal) -> float:
    exponent = value.as_tuple().exponent
    return 0.5 * 10.0 ** min(0, int(exponent))


def _in_xixia(lon: float, lat: float) -> bool:
    west, south, east, north = XIXIA_BOUNDS
    return west <= lon <= east and south <= lat <= north


def _to_lonlat(system: CoordinateSystem, east: float, north: float) -> tuple[float, float]:
    if system.degrees:
        return east, north
    from ..crs_inference import transformer_to_wgs84

    return transformer_to_wgs84(system.epsg).transform(east, north)


def parse_position(system_key: str, east_text: str, north_text: str) -> TypedPosition:
    """`east_text`: longitude or 东坐标 (Y in survey tables); `north_text`:
    latitude or 北坐标 (X). PositionError says what is wrong, in both languages."""
    system = BY_KEY[system_key]
    east = _number(east_text, "easting" if not system.degrees else "longitude", "东坐标" if not system.degrees else "经度")
    north = _number(north_text, "northing" if not system.degrees else "latitude", "北坐标" if not system.degrees else "纬度")
    for swapped, (e, n) in ((False, (east, north)), (True, (north, east))):  # noqa: B007 - the match is returned
        lon, lat = _to_lonlat(system, float(e), float(n))
        if math.isfinite(lon) and math.isfinite(lat) and _in_xixia(lon, lat):
            break
    else:
        raise PositionError(say(
            f"({east_text.strip()}, {north_text.strip()}) in {system.name_en} is not in Xixia County",
            f"（{east_text.strip()}，{north_text.strip()}）按{system.name_zh}不在西峡县内"))
    if system.degrees:
        accuracy = max(_half_last_digit(e) * math.cos(math.radians(lat)), _half_last_digit(n)) * METRES_PER_DEGREE
    else:
        accuracy = max(_half_last_digit(e), _half_last_digit(n))
    return TypedPosition(lon=lon, lat=lat, accuracy_m=round(max(accuracy, 0.05), 2), swapped=swapped)
