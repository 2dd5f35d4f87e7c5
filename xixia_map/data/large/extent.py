"""A large layer's extent, from its data when the file's word for it is wrong.

The CRS checks of a large layer run on its extent before anything is read. A
GeoPackage declares its extent in gpkg_contents, and GDAL reports that as it
is; real files carry wrong ones (±1e308, a stale box from before an edit, an
extent in another CRS), and a layer was refused for coordinates it does not
have. So the declared extent is believed only if it is finite, of a sane size,
and holds a sample of the features (the first and last SAMPLE); otherwise the
extent is computed from the geometries, streamed in batches through pyogrio's
Arrow reader (0.2 s for 150 000 points here), never held whole.

Why not the GeoPackage's R-tree (its minx…maxy): reaching it needs the table's
name in SQL text, and file-derived text never becomes SQL here.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyogrio
import shapely

from ..errors import Cancelled
from ..messages import Text, number, say

SAMPLE = 1000  # features read from each end of the layer to test the declared extent
BATCH = 50_000
ABSURD = 1e10  # metres or degrees: no CRS has coordinates this large (GK with zone prefix is ~4e7)


def _describe(bounds) -> str:
    return f"x {number(bounds[0])}…{number(bounds[2])}, y {number(bounds[1])}…{number(bounds[3])}"


def _problem(bounds) -> tuple[str, str] | None:
    """Why an extent cannot be believed as it is, or None."""
    if bounds is None or len(bounds) != 4:
        return "is missing", "缺失"
    if not all(isinstance(v, (int, float, np.floating)) and math.isfinite(v) for v in bounds):
        return "is not finite", "不是有限数"
    if max(abs(float(v)) for v in bounds) > ABSURD:
        return "is absurdly large", "大得离谱"
    if bounds[0] > bounds[2] or bounds[1] > bounds[3]:
        return "is inverted (minimum above maximum)", "最小值大于最大值"
    return None


def _contains(outer, inner) -> bool:
    slack = 1e-6 * max(outer[2] - outer[0], outer[3] - outer[1], 1.0)
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _sample_bounds(path: Path, layer, encoding, count: int):
    boxes = []
    for skip in sorted({0, max(0, count - SAMPLE)}):
        frame = pyogrio.read_dataframe(str(path), layer=layer, encoding=encoding, columns=[], skip_features=skip,
                                       max_features=SAMPLE, on_invalid="ignore")
        geoms = frame.geometry.values
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        if len(geoms):
            boxes.append(shapely.total_bounds(geoms))
    if not boxes:
        return None
    table = np.array(boxes)
    return table[:, 0].min(), table[:, 1].min(), table[:, 2].max(), table[:, 3].max()


def data_extent(path: Path, layer, encoding=None, cancelled=None):
    """The extent of the layer's finite coordinates, streamed; None if no feature has any."""
    low, high = np.full(2, np.inf), np.full(2, -np.inf)
    with pyogrio.open_arrow(str(path), layer=layer, columns=[], batch_size=BATCH, use_pyarrow=True,
                            encoding=encoding) as (meta, reader):
        for batch in reader:
            if cancelled and cancelled():
                raise Cancelled()
            column = batch.column(meta["geometry_name"] or "wkb_geometry")
            geoms = shapely.from_wkb(np.asarray(column.to_numpy(zero_copy_only=False), dtype=object),
                                     on_invalid="ignore")
            coords = shapely.get_coordinates(geoms)
            coords = coords[np.isfinite(coords).all(axis=1)]
            if len(coords):
                low, high = np.minimum(low, coords.min(axis=0)), np.maximum(high, coords.max(axis=0))
    if not np.isfinite(low).all():
        return None
    return float(low[0]), float(low[1]), float(high[0]), float(high[1])


def trusted_extent(path: Path, layer, info: dict, encoding=None, cancelled=None) -> tuple[tuple | None, Text | None]:
    """The layer's extent, and a word for the planner if the file's own was not used."""
    declared = info.get("total_bounds")
    problem = _problem(declared)
    if problem is None:
        assert declared is not None  # _problem calls a missing extent a problem
        sample = _sample_bounds(path, layer, encoding, int(info.get("features") or 0))
        if sample is None or _contains(declared, sample):
            return tuple(float(v) for v in declared), None
        problem = ("does not contain its features", "不包含其要素")
    computed = data_extent(path, layer, encoding, cancelled)
    if computed is None:
        return None, None
    shown = _describe(declared) if declared is not None and len(declared) == 4 else "none"
    return computed, say(
        f"the extent the file declares ({shown}) {problem[0]}: the layer's extent was computed from its features "
        f"({_describe(computed)})",
        f"文件声明的范围（{shown}）{problem[1]}：已根据要素重新计算范围（{_describe(computed)}）")
