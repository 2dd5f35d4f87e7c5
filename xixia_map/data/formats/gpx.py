"""GPS exchange files (.gpx): which of GDAL's five layers to read.

GDAL offers every GPX file as waypoints, routes, tracks, route_points and
track_points, whatever it holds, and its first layer (waypoints) is what a read
without a layer name gets: a file of tracks "contained no features". The
layers are counted (GDAL parses the file for each; GPX files are small), the
first one holding features is read, most useful first (a track before its
points), and the planner is told which was read and what else is there.
"""
from __future__ import annotations

from pathlib import Path

import pyogrio

from ..errors import DataError
from ..messages import say

ORDER = ("tracks", "routes", "waypoints", "track_points", "route_points")
WORDS = {"tracks": ("track(s)", "航迹"), "routes": ("route(s)", "路线"), "waypoints": ("waypoint(s)", "航点"),
         "track_points": ("track point(s)", "航迹点"), "route_points": ("route point(s)", "路线点")}


def layer_counts(path: Path) -> list[tuple[str, int]]:
    """(layer, features) of the layers holding features, most useful first."""
    try:
        names = [str(name) for name, _kind in pyogrio.list_layers(str(path))]
        counts = {name: int(pyogrio.read_info(str(path), layer=name, force_feature_count=True)["features"])
                  for name in names}
    except Exception:
        raise DataError(path, say("not a readable GPX file (damaged, or not GPX)",
                                  "不是可读取的 GPX 文件（文件损坏或不是 GPX 格式）")) from None
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(((n, c) for n, c in counts.items() if c > 0), key=lambda item: rank.get(item[0], len(ORDER)))


def _words(name: str, count: int) -> tuple[str, str]:
    en, zh = WORDS.get(name, (name, name))
    return f"{count} {en}", f"{count} 个{zh}"


def choose(path: Path, layer: str | None, report) -> str:
    """The layer to read: the one asked for, or the first holding features (said in the report)."""
    if layer is not None:
        return layer
    held = layer_counts(path)
    if not held:
        raise DataError(path, say("the GPX file holds no waypoints, routes or tracks",
                                  "GPX 文件中没有航点、路线或航迹"))
    name = held[0][0]
    if len(held) > 1:
        words = [_words(n, c) for n, c in held]
        others = ", ".join(f"'{n}'" for n, _ in held[1:])
        report.warnings.append(say(
            f"the GPX file holds {', '.join(w[0] for w in words)}: read the layer '{name}' (the others: {others})",
            f"GPX 文件中有 {'、'.join(w[1] for w in words)}：已读取图层“{name}”（其余：{'、'.join(n for n, _ in held[1:])}）"))
    return name
