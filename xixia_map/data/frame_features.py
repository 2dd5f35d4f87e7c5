"""Features held in memory, as a FeatureSource (feature_source.py).

A layer small enough to hold keeps its features in a GeoDataFrame (lon/lat, an
`id` column of text); this answers the same questions of it that a large file
or a table answers from where its features live.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd


def geometry_kind(frame: gpd.GeoDataFrame) -> str:
    """"Point", "LineString" or "Polygon": what the frame's geometries are drawn as."""
    kinds = set(frame.geom_type)
    if kinds <= {"Point", "MultiPoint"}:
        return "Point"
    if kinds <= {"LineString", "MultiLineString"}:
        return "LineString"
    return "Polygon"


class FrameFeatures:
    def __init__(self, frame: gpd.GeoDataFrame):
        self.frame = frame
        self._index: tuple | None = None  # (built, the ids as a pandas Index or None when not unique)

    @property
    def kind(self) -> str:
        return geometry_kind(self.frame)

    @property
    def count(self) -> int:
        return len(self.frame)

    @property
    def bounds(self) -> tuple:
        return tuple(float(v) for v in self.frame.total_bounds)

    @property
    def fields(self) -> list[str]:
        return [str(c) for c in self.frame.columns if c not in ("id", self.frame.geometry.name)]

    def empty_frame(self) -> gpd.GeoDataFrame:
        return self.frame.iloc[:0]

    def position(self, fid: str) -> int:
        """Row of a feature id: a hash lookup, not a scan (a click on a
        200 000-row layer must not compare every id). Built once."""
        if self._index is None:
            index = pd.Index(self.frame["id"].astype(str))
            self._index = (True, index if index.is_unique else None)
        index = self._index[1]
        if index is None:  # duplicate ids (a user file): the first match
            hits = np.flatnonzero(self.frame["id"].astype(str).to_numpy() == str(fid))
            if len(hits) == 0:
                raise KeyError(fid)
            return int(hits[0])
        try:
            return int(index.get_loc(str(fid)))
        except KeyError:
            raise KeyError(fid) from None

    def page(self, start: int, count: int) -> pd.DataFrame:
        rows = self.frame.iloc[start:start + count]
        return pd.DataFrame(rows[["id", *self.fields]]).reset_index(drop=True)

    def feature(self, fid: str) -> gpd.GeoDataFrame:
        return self.frame.iloc[[self.position(fid)]]

    def ids_in(self, west: float, south: float, east: float, north: float) -> list[str]:
        import shapely

        hits = np.sort(self.frame.sindex.query(shapely.box(west, south, east, north)))
        return [str(v) for v in self.frame["id"].to_numpy()[hits]]

    def features_of(self, ids: list[str]) -> gpd.GeoDataFrame:
        rows = []
        for fid in ids:
            try:
                rows.append(self.position(fid))
            except KeyError:
                continue
        return self.frame.iloc[rows]

    def column(self, name: str) -> np.ndarray:
        if name not in self.frame.columns or name == self.frame.geometry.name:
            raise KeyError(name)
        return self.frame[name].to_numpy()

    def id_of_row(self, row: int) -> str:
        return str(self.frame["id"].iloc[row])

    def row_of_id(self, fid: str) -> int:
        try:
            return self.position(fid)
        except KeyError:
            return -1

    def matching_rows(self, text: str) -> np.ndarray:
        hit = np.zeros(len(self.frame), dtype=bool)
        for name in self.fields:
            values = self.frame[name]
            if values.dtype == object or pd.api.types.is_string_dtype(values):
                text_values = values.where(values.notna(), "").astype(str)
                hit |= text_values.str.contains(text, case=False, regex=False).to_numpy(dtype=bool)
        return np.flatnonzero(hit)
