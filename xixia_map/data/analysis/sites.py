"""Sites an analysis takes besides a feature's own polygon: an area the planner
drew on the map (the measure tool's vertices), and a corridor of a given width
on each side of a line (a road's 征地 corridor).

The corridor is built in the Gauss-Krüger plane of the line's CGCS2000 3° zone
(overlay.plane_for), where a width in metres is a distance: each side of the
line is offset by the width, the ends are cut square (flat caps: a road's 征地
ends where the road does) and the sides meet at bends as parallel lines do
(mitred, bevelled past twice the width so a hairpin makes no spike). A plane's
metre is the ground's metre times the projection's scale at that place (1 on
the central meridian, 1.000 03 at 50 km from it): the width is multiplied by
that scale, so the corridor is as wide on the ground as asked."""
from __future__ import annotations

from functools import lru_cache

import shapely
from shapely.geometry import Polygon

from ..errors import DataError
from ..messages import say
from .overlay import _polygonal, plane_for, to_degrees, to_plane

MITRE_LIMIT = 2.0
MAX_WIDTH_M = 5_000.0  # a 征地 corridor is metres to a few hundred metres wide; km are a typo


def drawn_polygon(points) -> Polygon:
    """The area drawn by clicking `points` ((lon, lat), in order; closed on the
    first). A drawing that crosses itself is made valid (a figure eight gives its
    two loops); one with no area is refused."""
    ring = [(float(x), float(y)) for x, y in points]
    distinct = list(dict.fromkeys(ring))
    if len(distinct) < 3:
        raise DataError(None, say("draw at least three points to make an area", "请至少绘制三个点以构成一个面"))
    polygon = Polygon(ring)
    site = polygon if polygon.is_valid else _polygonal(shapely.make_valid(polygon))
    if site is None or site.is_empty or site.area == 0:
        raise DataError(None, say("the drawn area has no area (its points lie on a line)",
                                  "所绘范围没有面积（各点在一条直线上）"))
    return site


@lru_cache(maxsize=16)
def _scale_at(epsg: int, lon: float, lat: float) -> float:
    from pyproj import CRS, Proj

    factors = Proj(CRS.from_epsg(epsg)).get_factors(lon, lat)
    return float(factors.meridional_scale)  # conformal: the same in every direction


def line_corridor(line, width_m: float):
    """The polygon within `width_m` metres of each side of `line` (a LineString
    or MultiLineString in lon/lat), in lon/lat."""
    if line is None or line.is_empty or line.geom_type not in ("LineString", "MultiLineString"):
        raise DataError(None, say("a corridor needs a line (a road, a pipe)", "缓冲区需要一条线（道路、管线）"))
    if not (0 < width_m <= MAX_WIDTH_M):
        raise DataError(None, say(f"the width each side must be above 0 and at most {MAX_WIDTH_M:,.0f} m",
                                  f"每侧宽度须大于 0 且不超过 {MAX_WIDTH_M:,.0f} 米"))
    plane = plane_for(line)
    centre = line.centroid
    width = width_m * _scale_at(plane, round(centre.x, 3), round(centre.y, 3))
    drawn = to_plane(line, plane)
    corridor = shapely.buffer(drawn, width, cap_style="flat", join_style="mitre", mitre_limit=MITRE_LIMIT)
    if corridor.is_empty:
        raise DataError(None, say("the line has no length", "该线没有长度"))
    return to_degrees(corridor, plane)


def corridor_method(width_m: float, lang: str = "zh") -> str:
    """How the corridor was made, for the sheet and the report's notes."""
    if lang == "zh":
        return (f"范围为线两侧各 {width_m:g} 米的缓冲区（在 2000 国家大地坐标系 3 度带高斯-克吕格平面上生成，"
                "宽度按投影长度比改正为实地距离；端头平齐，转角按平行线相交）")
    return (f"the site is the corridor {width_m:g} m either side of the line (made in the CGCS2000 3° "
            "Gauss-Krüger plane, the width corrected by the projection's scale to ground metres; flat ends, "
            "mitred bends)")


def padded_bounds(site, pad: float = 0.12) -> tuple[float, float, float, float]:
    """The site's box with `pad` of its size around it (at least ~200 m), in degrees: what a sheet's map shows."""
    west, south, east, north = site.bounds
    pad_x, pad_y = max((east - west) * pad, 0.002), max((north - south) * pad, 0.002)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def surroundings(site):
    """A square box (in ground metres) around the padded site, larger than any map
    of the sheet shows of it: the features to read for the map, not only the site."""
    import math

    west, south, east, north = padded_bounds(site)
    across = math.cos(math.radians((south + north) / 2))
    half = max((east - west) * across, north - south) * 0.65  # in degrees of latitude
    cx, cy = (west + east) / 2, (south + north) / 2
    return shapely.box(cx - half / across, cy - half, cx + half / across, cy + half)


def corridor_from_file(path, layer: str | None, feature: str | None, width_m: float, assume_crs=None):
    """The corridor around the lines of a file (a road's centre line), or around its one feature `feature`."""
    from ..user_layers import layer_from_file

    frame = layer_from_file(path, layer=layer, assume_crs=assume_crs).frame
    frame = frame[frame.geom_type.isin(["LineString", "MultiLineString"])]
    if feature is not None:
        frame = frame[frame["id"].astype(str) == str(feature)]
    if len(frame) == 0:
        raise DataError(path, say("holds no line to make a corridor of" + (f" with id {feature}" if feature else ""),
                                  "没有可生成缓冲区的线" + (f"（编号 {feature}）" if feature else "")))
    return line_corridor(shapely.union_all(frame.geometry.values), width_m)
