"""Read a large layer's store (store_build.py) back, a view at a time.

Only the coarse index lives in memory (one box per BLOCK features: 4 000 boxes,
128 KB, for a million features). A view's features are found in it, then read
with positioned reads (os.pread) of the few runs of the files they lie in; the
bytes are copied into arrays the caller lets go of. Nothing is memory-mapped:
mapped pages stay counted in the process while mapped, and a planner who pans
over the whole county would end up holding the whole store. Read this way the
kernel's page cache keeps the store warm without charging it to the app.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import shapely

from .store_build import CM, concat_ranges, level_for

RUN_GAP = 32  # features between two wanted runs read through rather than read apart


@dataclass
class Batch:
    """Features of one read, with their geometry at one level, all local to the
    batch: `ring_start` indexes vx/vy, `feature_ring_start` indexes the rings."""
    positions: np.ndarray  # positions in the store (its Hilbert order)
    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    rows: np.ndarray  # the features' rows in the file (draw order)
    vx: np.ndarray | None = None  # Web Mercator metres
    vy: np.ndarray | None = None
    ring_start: np.ndarray | None = None
    feature_ring_start: np.ndarray | None = None
    ring_is_hole: np.ndarray | None = None
    # A database table's batch carries its features' style fields (field -> values),
    # where a store's inks are looked up by position instead.
    values: dict | None = None

    @property
    def cx(self):
        return (self.x0 + self.x1) / 2

    @property
    def cy(self):
        return (self.y0 + self.y1) / 2

    @property
    def extent_m(self):
        return np.maximum(self.x1 - self.x0, self.y1 - self.y0)


@runtime_checkable
class BatchStore(Protocol):
    """What tile drawing (map/store_tiles.py) asks of a store: the features
    whose box meets a Web Mercator box, then the rings of those big enough to
    draw, simplified for a zoom. A large file's store (FeatureStore) answers
    from its own files; a table's (postgis/table.TableStore) by SQL."""

    # Read-only members (properties here), which a store may hold as plain attributes.
    @property
    def kind(self) -> str:
        """"Point", "LineString" or "Polygon"."""

    @property
    def levels(self) -> list[dict]:
        """{"tolerance_m", "widest_tile_zoom"} per simplified level."""

    @property
    def folder(self) -> Path | None:
        """Where tiles drawn from it may be kept; None: never kept."""

    def level_for(self, tile_zoom: int) -> int:
        """The level drawn at a tile zoom."""

    def query(self, west: float, south: float, east: float, north: float) -> Batch:
        """The features whose box meets the Web Mercator box: their boxes and rows."""

    def with_geometry(self, batch: Batch, level: int, wanted: np.ndarray) -> Batch:
        """The batch's features at `wanted` (sorted indices into it), with their rings at `level`."""

    def shapes(self, batch: Batch) -> np.ndarray:
        """Shapely geometries (Web Mercator) of a batch read with_geometry."""


@runtime_checkable
class PerBatchStyles(Protocol):
    """A BatchStore whose batches bring the style's fields with them (a table's,
    postgis/table.TableStore, for a source whose per_batch_styles is True): told
    which before tiles are drawn."""

    style_fields: list[str]
    style_categories: dict[str, list[str]]  # field -> its legend's values, sent as codes


def _runs(positions: np.ndarray, gap: int = RUN_GAP) -> list[tuple[int, int]]:
    """Sorted positions as [start, stop) runs, joining runs less than `gap` apart."""
    if len(positions) == 0:
        return []
    breaks = np.flatnonzero(np.diff(positions) > gap)
    starts = np.r_[positions[0], positions[breaks + 1]]
    stops = np.r_[positions[breaks], positions[-1]] + 1
    return list(zip(starts.tolist(), stops.tolist()))


class FeatureStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        self.count = int(self.meta["count"])
        self.kind = self.meta["kind"]
        self.block = int(self.meta["block"])
        self.levels = self.meta["levels"]
        self.bounds_wgs84 = tuple(self.meta["bounds_wgs84"])
        self.blocks = np.fromfile(self.folder / "blocks.f8", dtype=np.float64).reshape(-1, 4)
        self._fds: dict[str, int] = {}
        self._lock = threading.Lock()

    # -- raw reads --------------------------------------------------------------
    def _fd(self, name: str) -> int:
        with self._lock:
            fd = self._fds.get(name)
            if fd is None:
                fd = self._fds[name] = os.open(self.folder / name, os.O_RDONLY)
            return fd

    def _read(self, name: str, dtype, start: int, stop: int, width: int = 1) -> np.ndarray:
        """Items [start, stop) of a raw array file (each `width` values of `dtype`)."""
        item = np.dtype(dtype).itemsize * width
        if stop <= start:
            return np.empty((0, width) if width > 1 else 0, dtype=dtype)
        data = os.pread(self._fd(name), (stop - start) * item, start * item)
        array = np.frombuffer(data, dtype=dtype)
        return array.reshape(-1, width) if width > 1 else array

    def close(self) -> None:
        with self._lock:
            for fd in self._fds.values():
                os.close(fd)
            self._fds.clear()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # -- queries ----------------------------------------------------------------
    def level_for(self, tile_zoom: int) -> int:
        return level_for(self.levels, tile_zoom)

    def query(self, west: float, south: float, east: float, north: float) -> Batch:
        """Features whose box meets the Web Mercator box, with their boxes and rows."""
        b = self.blocks
        hit = np.flatnonzero((b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south))
        parts: list[np.ndarray] = []
        position_parts: list[np.ndarray] = []
        for start, stop in _runs(hit, gap=1):
            lo, hi = start * self.block, min(stop * self.block, self.count)
            boxes = self._read("bbox.f8", np.float64, lo, hi, 4)
            keep = np.flatnonzero((boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north)
                                  & (boxes[:, 3] >= south))
            parts.append(boxes[keep])
            position_parts.append(lo + keep)
        if not parts:
            empty = np.empty(0)
            return Batch(np.empty(0, np.int64), empty, empty, empty, empty, np.empty(0, np.int64))
        boxes = np.concatenate(parts)
        positions = np.concatenate(position_parts)
        rows = self.values("row.i8", np.int64, positions)
        return Batch(positions, boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3], rows)

    def values(self, name: str, dtype, positions: np.ndarray) -> np.ndarray:
        """Per-feature values of a file at sorted positions, read run by run."""
        if len(positions) == 0:
            return np.empty(0, dtype=dtype)
        out = []
        for start, stop in _runs(positions):
            chunk = self._read(name, dtype, start, stop)
            out.append(chunk[positions[(positions >= start) & (positions < stop)] - start])
        return np.concatenate(out)

    def with_geometry(self, batch: Batch, level: int, wanted: np.ndarray) -> Batch:
        """The batch's features at `wanted` (indices into it), with their rings at `level`."""
        positions = batch.positions[wanted]
        fring_parts, ring_parts, hole_parts, xy_parts = [], [], [], []
        ring_base = vertex_base = 0
        local_of = []  # index into the concatenated runs of each wanted feature
        seen = 0
        for start, stop in _runs(positions):
            fring = self._read(f"L{level}.fring", np.int64, start, stop + 1)
            r0, r1 = int(fring[0]), int(fring[-1])
            rstart = self._read(f"L{level}.rstart", np.int64, r0, r1 + 1)
            v0, v1 = int(rstart[0]), int(rstart[-1])
            fring_parts.append(fring[:-1] - r0 + ring_base)
            ring_parts.append(rstart[:-1] - v0 + vertex_base)
            hole_parts.append(self._read(f"L{level}.hole", np.uint8, r0, r1))
            xy_parts.append(self._read(f"L{level}.xy", np.int32, v0, v1, 2))
            inside = positions[(positions >= start) & (positions < stop)]
            local_of.append(inside - start + seen)
            seen += stop - start
            ring_base += r1 - r0
            vertex_base += v1 - v0
        if not fring_parts:
            return Batch(positions, batch.x0[wanted], batch.y0[wanted], batch.x1[wanted], batch.y1[wanted],
                         batch.rows[wanted], np.empty(0), np.empty(0), np.zeros(1, np.int64), np.zeros(1, np.int64),
                         np.zeros(0, bool))
        all_fring = np.concatenate(fring_parts + [np.array([ring_base])])
        all_rstart = np.concatenate(ring_parts + [np.array([vertex_base])])
        holes = np.concatenate(hole_parts).astype(bool)
        xy = np.concatenate(xy_parts)
        local = np.concatenate(local_of)
        # Keep only the wanted features' rings, renumbered.
        rings = concat_ranges(all_fring[local], all_fring[local + 1])
        ring_len = all_rstart[rings + 1] - all_rstart[rings]
        vertices = concat_ranges(all_rstart[rings], all_rstart[rings + 1])
        nrings = all_fring[local + 1] - all_fring[local]
        vx = xy[vertices, 0] / CM
        vy = xy[vertices, 1] / CM
        return Batch(positions, batch.x0[wanted], batch.y0[wanted], batch.x1[wanted], batch.y1[wanted],
                     batch.rows[wanted], vx, vy, np.concatenate(([0], np.cumsum(ring_len))),
                     np.concatenate(([0], np.cumsum(nrings))), holes[rings])

    def shapes(self, batch: Batch) -> np.ndarray:
        """Shapely geometries (Web Mercator) of a batch read with_geometry."""
        return shapes_of(self.kind, batch)


def shapes_of(kind: str, batch: Batch) -> np.ndarray:
    """Shapely geometries (Web Mercator) of a batch with its rings."""
    n = len(batch.positions)
    if kind == "Point":
        return shapely.points(batch.cx, batch.cy)
    if batch.vx is None or batch.vy is None or batch.ring_start is None or batch.feature_ring_start is None \
            or batch.ring_is_hole is None:
        raise ValueError("a batch read without its rings (with_geometry) has no shapes")
    ring_feature = np.repeat(np.arange(n), np.diff(batch.feature_ring_start))
    ring_len = np.diff(batch.ring_start)
    coords = np.column_stack([batch.vx, batch.vy])
    vertex_ring = np.repeat(np.arange(len(ring_len)), ring_len)
    if kind == "LineString":
        lines = shapely.linestrings(coords, indices=vertex_ring)
        return shapely.multilinestrings(lines, indices=ring_feature) if len(lines) else np.empty(0, object)
    rings = shapely.linearrings(coords, indices=vertex_ring)
    # Each exterior ring starts a part; a hole belongs to the part before it.
    part_of_ring = np.cumsum(~batch.ring_is_hole) - 1
    polygons = shapely.polygons(rings, indices=part_of_ring)
    part_feature = ring_feature[~batch.ring_is_hole]
    return shapely.multipolygons(polygons, indices=part_feature)
