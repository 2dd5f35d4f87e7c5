"""A large layer's features: geometry from its store, attributes from its file, on demand.

Nothing here holds a row per feature in Python objects. The attribute table
asks for a page of rows, the details panel for one feature, styling for one
column: each is read from the source file through GDAL by feature id (a
GeoPackage or geodatabase finds a fid in its own index: ~4 ms for one, measured
on the 1 M-cell benchmark layer), and let go of after use.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import shapely
from pyproj import CRS, Transformer

from ..errors import DataError
from ..feature_source import IntegerKeyed, empty_frame, fid_numbers
from ..mercator import mercator_box
from ..messages import say
from .source import StoreSource
from .store import FeatureStore


def _save(path: Path, write) -> None:
    """Write a cache file whole or not at all (rename over it); a full or
    read-only cache only costs reading the column from the file again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except OSError:
        pass


COLUMNS_KEPT = 2  # style columns kept decoded (a class field and its area, say): ~8 MB each per million


class FileFeatures(IntegerKeyed):
    """A large file's features as a StreamedSource (feature_source.py): a feature
    id is the file's fid, a position the store's (its Hilbert order), a table
    row the file's order."""

    per_batch_styles = False  # inks are made once per store position (values_of)

    def __init__(self, source: StoreSource, folder: Path):
        self.source = source
        self.store = FeatureStore(folder)
        self.count = self.store.count
        self.kind = self.store.kind
        self.bounds = self.store.bounds_wgs84
        self.fields = list(self.store.meta["fields"])
        self.dtypes = dict(zip(self.fields, self.store.meta["dtypes"]))
        self._columns: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        # Made on the first feature asked for (PROJ takes ~80 ms to set one up); False: in lon/lat already.
        self._transformer: Transformer | Literal[False] | None = None

    def _to_lonlat(self):
        """The transformer to lon/lat, or None when the file is in lon/lat already."""
        if self._transformer is None:
            crs = CRS.from_user_input(self.source.crs)
            self._transformer = False if crs.equals(CRS.from_epsg(4326)) else Transformer.from_crs(
                crs, CRS.from_epsg(4326), always_xy=True)
        return self._transformer or None

    @property
    def path(self) -> Path:
        return Path(self.source.path)

    def empty_frame(self) -> gpd.GeoDataFrame:
        """The layer's columns with no rows: what the rest of the app reads a schema from."""
        return empty_frame(self.fields, self.dtypes)

    def close(self) -> None:
        self.store.close()

    # -- reads from the file ----------------------------------------------------
    def _read(self, **kwargs) -> pd.DataFrame:
        try:
            return pyogrio.read_dataframe(str(self.source.path), layer=self.source.layer,
                                          encoding=self.source.encoding, **kwargs)
        except Exception as exc:  # the file moved, was replaced or damaged since it was opened
            raise DataError(self.path, say(f"cannot read the file any more ({type(exc).__name__}: "
                                           f"{str(exc)[:200]})", "无法再读取该文件（文件可能已被移动、替换或损坏）")) from None

    def column(self, name: str) -> np.ndarray:
        """One field's values at each store position (the store's order), decoded once and kept."""
        with self._lock:
            if name in self._columns:
                self._columns.move_to_end(name)
                return self._columns[name]
        if name not in self.fields:
            raise KeyError(name)
        codes = self.codes(name)
        result = codes[1][codes[0]] if codes is not None else self._numbers(name)
        with self._lock:
            self._columns[name] = result
            while len(self._columns) > COLUMNS_KEPT:
                self._columns.popitem(last=False)
        return result

    def _column_path(self, name: str, suffix: str) -> Path:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]  # a field name never becomes a path
        return self.store.folder / "columns" / f"{digest}{suffix}"

    def codes(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """A text field as (an index per store position, the distinct values, with
        None last for a missing one), or None for a field that is not text.

        Read from the file once, then kept beside the store: a GeoPackage column
        is read by walking every row (0.35 s per column at a million rows, the
        geometry blobs in between), and a style is made from one each time the
        file is opened."""
        if self.dtypes.get(name) != "object":
            return None
        codes_path, words_path = self._column_path(name, ".codes.npy"), self._column_path(name, ".words.json")
        try:
            words = json.loads(words_path.read_text(encoding="utf-8"))
            return np.load(codes_path), np.array(words + [None], dtype=object)
        except (OSError, ValueError):
            pass
        values = self._read_column(name)
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            return None
        # Decoded through a dictionary: a million values of a few classes become
        # a million indices and a few strings, not a million strings.
        encoded = values.combine_chunks().dictionary_encode()
        words = encoded.dictionary.to_pylist()
        by_row = pc.fill_null(encoded.indices, len(words)).to_numpy().astype(np.int32)
        codes = by_row[self._rows()]
        _save(codes_path, lambda fh: np.save(fh, codes))
        _save(words_path, lambda fh: fh.write(json.dumps(words, ensure_ascii=False).encode("utf-8")))
        return codes, np.array(words + [None], dtype=object)

    def _numbers(self, name: str) -> np.ndarray:
        path = self._column_path(name, ".values.npy")
        try:
            return np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            pass
        values = self._read_column(name).to_numpy()
        result = values[self._rows()]
        if result.dtype != object:
            _save(path, lambda fh: np.save(fh, result))
        return result

    def _read_column(self, name: str):
        try:
            table = pyogrio.read_arrow(str(self.source.path), layer=self.source.layer, columns=[name],
                                       read_geometry=False, encoding=self.source.encoding)[1]
        except Exception as exc:
            raise DataError(self.path, say(f"cannot read the field '{name}' ({type(exc).__name__})",
                                           f"无法读取字段“{name}”（文件可能已被移动、替换或损坏）")) from None
        return table.column(name)

    def _rows(self) -> np.ndarray:
        """The file row of each store position."""
        return self.store.values("row.i8", np.int64, np.arange(self.count))

    def values_of(self, name: str):
        """A field's values per store position, or None if the layer has no such field."""
        return self.column(name) if name in self.fields else None

    def fid_of_row(self, rows: np.ndarray) -> np.ndarray:
        """Feature ids of table rows (the file's order, less features without geometry)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return rows
        lo, hi = int(rows.min()), int(rows.max()) + 1
        return self.store._read("fid_by_row.i8", np.int64, lo, hi)[rows - lo]

    def row_of_fid(self, fid: int) -> int:
        """The table row of a feature id: fids come in the file's order, so a binary search."""
        n = self.count
        lo, hi = 0, n
        while lo < hi:  # fid_by_row ascends in GeoPackages and geodatabases; read a few items, not all
            mid = (lo + hi) // 2
            value = int(self.fid_of_row(np.array([mid]))[0])
            if value < fid:
                lo = mid + 1
            else:
                hi = mid
        if lo < n and int(self.fid_of_row(np.array([lo]))[0]) == fid:
            return lo
        return -1

    def page(self, start: int, count: int) -> pd.DataFrame:
        """Rows [start, start + count) of the table, attributes only, with their ids."""
        rows = np.arange(start, min(start + count, self.count))
        fids = self.fid_of_row(rows)
        if len(fids) == 0:
            return pd.DataFrame(columns=["id", *self.fields])
        frame = self._read(fids=fids, read_geometry=False)
        frame.insert(0, "id", [str(f) for f in fids])
        return frame.reset_index(drop=True)

    def ids_in(self, west: float, south: float, east: float, north: float) -> list[str]:
        batch = self.store.query(*mercator_box(west, south, east, north))
        return [str(v) for v in np.sort(self.fids_at(batch.positions))]

    def features_of(self, ids: list[str]) -> gpd.GeoDataFrame:
        """Features by fid, read from the file by its own fid index (an
        analysis's area: the ids the store's index found, ids_in)."""
        numbers = fid_numbers(ids)
        if not numbers:
            return self.empty_frame()
        frame = self._read(fids=np.asarray(numbers, dtype=np.int64))
        geometry = frame.geometry.values
        if self.source.swap_axes:
            geometry = shapely.transform(geometry, lambda xy: xy[:, ::-1].copy())
        to_lonlat = self._to_lonlat()
        if to_lonlat is not None:
            geometry = shapely.transform(geometry, lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])))
        frame = gpd.GeoDataFrame(frame.drop(columns=frame.geometry.name), geometry=list(geometry), crs=4326)
        frame.insert(0, "id", [str(n) for n in numbers])  # GDAL reads them in the order asked, or refuses
        return frame

    def fids_at(self, positions: np.ndarray) -> np.ndarray:
        return self.store.values("fid.i8", np.int64, positions)

    def areas(self) -> np.ndarray:
        """Each feature's area in square metres, per store position (store_build)."""
        return self.store.values("area.f8", np.float64, np.arange(self.count))

    def class_areas(self, field: str, area_field: str | None = None) -> dict[str, float] | None:
        """Square metres per value of a text field, summed per code (not per
        feature in Python): the file's listed areas when every one is a
        number, else the store's measured ones."""
        codes = self.codes(field)
        if codes is None:
            return None
        areas = pd.to_numeric(pd.Series(self.column(area_field)), errors="coerce").to_numpy(float) \
            if area_field is not None and area_field in self.fields else None
        if areas is None or not np.isfinite(areas).all():
            areas = self.areas()
        index, words = codes
        sums = np.bincount(index, weights=areas, minlength=len(words))
        present = np.bincount(index, minlength=len(words)) > 0
        totals: dict = {}
        for word, total, there in zip(words, sums, present):
            if there and word is not None:  # a feature without a class keeps the default fill
                key = str(word).strip()
                totals[key] = totals.get(key, 0.0) + float(total)
        return totals

    def matching_rows(self, text: str) -> np.ndarray:
        """Table rows whose text fields contain `text`, ignoring case: the text
        columns read once for the search, matched in Arrow's C kernels, and let go
        of. The text is a literal, never a pattern or SQL."""
        names = [n for n in self.fields if self.dtypes.get(n) == "object"]
        if not names:
            return np.empty(0, np.int64)
        table = pyogrio.read_arrow(str(self.source.path), layer=self.source.layer, columns=names,
                                   read_geometry=False, encoding=self.source.encoding)[1]
        hit = None
        for name in names:
            column = table.column(name)
            if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
                continue
            found = pc.fill_null(pc.match_substring(column, text, ignore_case=True), False)
            hit = found if hit is None else pc.or_(hit, found)
        if hit is None:
            return np.empty(0, np.int64)
        file_rows = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
        kept = np.sort(self.store.values("row.i8", np.int64, np.arange(self.count)))
        table_rows = np.searchsorted(kept, file_rows)
        inside = table_rows < len(kept)
        table_rows, file_rows = table_rows[inside], file_rows[inside]
        return table_rows[kept[table_rows] == file_rows]
