"""Per-feature checks after reading: one bad feature is left out and named,
never a reason to refuse the whole file."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .errors import DataError
from .messages import Text, number, say
from .read_report import ReadReport

# Fields that identify a feature to its owner, in order of preference
# (BSM: 三调 标识码; OBJECTID/FID: ArcGIS).
ID_FIELDS = ("id", "ID", "Id", "fid", "FID", "OBJECTID", "objectid", "BSM", "bsm", "编号", "标识码", "代码")


def feature_names(frame: gpd.GeoDataFrame, file_ids=None) -> pd.Series:
    """How each row is named in messages: its id field, else its position (#1 first)."""
    names = [f"#{i + 1}" for i in range(len(frame))]
    if file_ids is not None and len(file_ids) == len(frame):
        names = [str(v) if v not in (None, "") else n for v, n in zip(file_ids, names)]
    else:
        field = next((f for f in ID_FIELDS if f in frame.columns), None)
        if field is not None:
            values = frame[field].tolist()
            names = [n if v is None or (isinstance(v, float) and v != v) or str(v) == "" else str(v)
                     for v, n in zip(values, names)]
    return pd.Series(names, index=frame.index)


def _keep(frame, names, keep_mask):
    return frame[keep_mask], names[keep_mask]


def _refuse_if_empty(path, frame, report: ReadReport, what: Text) -> None:
    if len(frame) == 0:
        first_name, first_why = report.skipped[0]
        others = len(report.skipped) - 1
        rest = say(f"; no feature of the file is usable ({what.en}" + (f", {others} more alike)" if others else ")"),
                   f"；文件中没有可用的要素（{what.zh}" + (f"，另有 {others} 个同样）" if others else "）"))
        raise DataError(path, first_why + rest, feature=first_name)


def drop_missing(path, frame, names, report: ReadReport, problems: dict[int, Text]):
    """Rows GDAL gave no geometry: named with the cause the file check found."""
    missing = shapely.is_missing(frame.geometry.values) | shapely.is_empty(frame.geometry.values)
    if not missing.any():
        return frame, names
    generic = say("has no geometry (empty, or a shape GDAL could not read)", "没有几何（为空，或无法读取）")
    for row in np.flatnonzero(missing):
        report.skip(names.iloc[row], problems.get(int(row), generic))
    frame, names = _keep(frame, names, ~missing)
    _refuse_if_empty(path, frame, report, say("every feature lacks a usable geometry", "所有要素都没有可用的几何"))
    return frame, names


def _non_finite_rows(frame) -> np.ndarray:
    geoms = frame.geometry.values
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if coords.size == 0:
        return np.zeros(len(frame), dtype=bool)
    bad = ~np.isfinite(coords).all(axis=1)
    rows = np.zeros(len(frame), dtype=bool)
    rows[np.unique(index[bad])] = True
    return rows


def drop_non_finite(path, frame, names, report: ReadReport, after: str | None = None):
    """Coordinates that are NaN or infinite, as read or after reprojection (1e300
    under a projected CRS becomes inf)."""
    bad = _non_finite_rows(frame)
    if not bad.any():
        return frame, names
    for row in np.flatnonzero(bad):
        if after:
            why = say(f"its coordinates cannot be converted from {after} (far outside its range)",
                      f"其坐标无法从 {after} 转换（远超该坐标系的范围）")
        else:
            why = say("has NaN or infinite coordinates", "坐标含 NaN 或无穷大")
        report.skip(names.iloc[row], why)
    frame, names = _keep(frame, names, ~bad)
    _refuse_if_empty(path, frame, report, say("no feature has finite coordinates", "没有要素的坐标为有限数"))
    return frame, names


def drop_out_of_range(path, frame, names, report: ReadReport):
    """After conversion to lon/lat: a feature beyond ±180/±90 cannot be drawn."""
    geoms = frame.geometry.values
    bounds = shapely.bounds(geoms)
    bad = (bounds[:, 0] < -180) | (bounds[:, 2] > 180) | (bounds[:, 1] < -90) | (bounds[:, 3] > 90)
    if not bad.any():
        return frame, names
    for row in np.flatnonzero(bad):
        x, y = bounds[row, 0], bounds[row, 1]
        report.skip(names.iloc[row], say(f"lies outside the globe (lon {number(x)}, lat {number(y)})",
                                         f"超出经纬度范围（经度 {number(x)}，纬度 {number(y)}）"))
    frame, names = _keep(frame, names, ~bad)
    _refuse_if_empty(path, frame, report, say("every feature lies outside lon/lat range", "所有要素都超出经纬度范围"))
    return frame, names


def repair(frame, names, report: ReadReport):
    geoms = frame.geometry.values
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if invalid.any():
        frame = frame.copy()
        frame.loc[invalid, frame.geometry.name] = shapely.make_valid(geoms[invalid])
        report.repaired.extend(str(n) for n in names[invalid])
    return frame
