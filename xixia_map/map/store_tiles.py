"""Tiles of a large layer drawn from its store (data/large), a tile's features at a time.

The same drawing as layer_tiles.py (Pillow's C polygon fill fed from numpy, dots
and footprints for features under a few pixels), but nothing of the layer is
held beyond its inks (three bytes a feature) and the store's coarse index:
each tile reads its features' boxes, and the vertices of those big enough to
draw as shapes at the level simplified for its zoom.

Tiles of the wide zooms are also kept on disk beside the store, under a digest
of the style: a county view of a million parcels is drawn once per style, and
a file opened again shows its first frame from those.
"""
from __future__ import annotations

import hashlib
import math
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import mercantile
import numpy as np
import pandas as pd
from PIL import Image

from ..data.large.store import PerBatchStyles
from ..data.layers import StreamedLayer
from ..data.mercator import EARTH_RADIUS, to_mercator
from .layer_tiles import (
    CACHE_TILES, DOT_BELOW_PX, TILE_PX, CachedTiles, Inks, _padded_bounds, draw_dots, draw_footprints, draw_shapes,
)
from .tile_cache import TileCache
from .png_encode import encode_indexed_png

DISK_CACHE_MAX_Z = 13  # tile zooms kept on disk: the county at z13 is ~300 tiles
RENDERER_VERSION = 1  # bumped when the drawing changes, so old tiles on disk are not shown


class StoreTiles(CachedTiles):
    """A TileSource (tile_source.py) over a StreamedSource's BatchStore (data/feature_source.py)."""

    def __init__(self, layer: StreamedLayer):
        features = layer.features
        self.layer = layer
        self.features = features
        self.store = features.store
        self.kind = self.store.kind
        self.total_bounds = np.array(features.bounds)
        style = self.style = layer.spec.style
        rule = style.get("color_by")
        self.hidden = None
        # A database table's features bring their style fields with each tile
        # (data/postgis/table.py); a store's inks are made once, per position.
        self.per_batch = features.per_batch_styles
        if self.per_batch:
            if not isinstance(self.store, PerBatchStyles):
                raise TypeError(f"{type(self.store).__name__} does not take the style's fields per batch")
            self.store.style_fields = [r["field"] for r in (rule, style.get("graduated")) if r]
            self.store.style_categories = {rule["field"]: [str(v) for v in rule["values"]]} \
                if rule and not style.get("graduated") else {}
            inks = Inks(style, lambda name: np.empty(0, dtype=object), 0)  # the palette alone
        else:
            inks = Inks(style, features.values_of, features.count)
            if layer.hidden_classes and rule and rule["field"] in features.fields:
                keys = np.asarray(features.column(rule["field"])).astype(str)
                self.hidden = np.isin(keys, list(layer.hidden_classes))
        self.index_table, self.outline_ink = inks.index_table, inks.outline_ink
        self.fill_ink, self.line_ink, self.dot_ink = inks.fill_ink, inks.line_ink, inks.dot_ink
        # Tiles on disk are keyed by what their pixels depend on, and nothing else
        # (a legend's wording or area text changes no pixel): the inks of every
        # feature, the colours they stand for, the features left out, the drawing.
        digest = hashlib.sha1(f"{RENDERER_VERSION} {TILE_PX}".encode())
        for part in (self.index_table, self.fill_ink, self.line_ink, self.dot_ink,
                     self.hidden if self.hidden is not None else np.zeros(0, bool)):
            digest.update(np.ascontiguousarray(part).tobytes())
        self.disk = None if self.store.folder is None else self.store.folder / "tiles" / digest.hexdigest()[:16]
        self.cache = TileCache(CACHE_TILES)

    def _draw(self, z: int, x: int, y: int) -> bytes | None:
        """A tile not in memory: from disk if drawn before, else drawn and kept there."""
        data = self._from_disk(z, x, y)
        if data is False:
            data = self._render(z, x, y)
            self._to_disk(z, x, y, data)
        return data

    # -- disk cache ----------------------------------------------------------------
    def _disk_path(self, z, x, y) -> Path | None:
        """Where the tile is kept on disk; None: not kept (past DISK_CACHE_MAX_Z, or a store kept nowhere)."""
        if z > DISK_CACHE_MAX_Z or self.disk is None:
            return None
        return self.disk / f"{z}-{x}-{y}.png"

    def _from_disk(self, z, x, y):
        """The tile's bytes, None for a tile known empty, False when not on disk."""
        path = self._disk_path(z, x, y)
        if path is None:
            return False
        try:
            data = path.read_bytes()
        except OSError:
            return False
        return data or None

    def _to_disk(self, z, x, y, data) -> None:
        path = self._disk_path(z, x, y)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data or b"")
            os.replace(tmp, path)  # a tile half written is never read as a whole one
        except OSError:
            pass  # a full or read-only cache only costs drawing the tile again

    # -- drawing -----------------------------------------------------------------
    def _inks_of(self, batch) -> SimpleNamespace:
        if self.per_batch:
            values = batch.values or {}
            graduated = self.style.get("graduated")

            def values_of(name):
                found = values.get(name)
                if found is not None and graduated and name == graduated["field"]:
                    return pd.to_numeric(pd.Series(found), errors="coerce").to_numpy(float)
                return found

            inks = Inks(self.style, values_of, len(batch.positions))
            fill, line, dot = inks.fill_ink, inks.line_ink, inks.dot_ink
        else:
            p = batch.positions
            fill, line, dot = self.fill_ink[p], self.line_ink[p], self.dot_ink[p]
        return SimpleNamespace(x0=batch.x0, y0=batch.y0, x1=batch.x1, y1=batch.y1, cx=batch.cx, cy=batch.cy,
                               vx=batch.vx, vy=batch.vy, ring_start=batch.ring_start,
                               feature_ring_start=batch.feature_ring_start, ring_is_hole=batch.ring_is_hole,
                               fill_ink=fill, line_ink=line, dot_ink=dot, outline_ink=self.outline_ink)

    def _shown(self, batch) -> np.ndarray:
        """Indices into the batch of the features not in a class switched off."""
        hits = np.arange(len(batch.positions))
        if self.per_batch:
            rule = self.style.get("color_by")
            values = (batch.values or {}).get(rule["field"]) if rule else None
            if self.layer.hidden_classes and values is not None and len(hits):
                hits = hits[~np.isin(np.asarray(values).astype(str), list(self.layer.hidden_classes))]
        elif self.hidden is not None and len(hits):
            hits = hits[~self.hidden[batch.positions]]
        return hits

    def _render(self, z: int, x: int, y: int) -> bytes | None:
        west, south, east, north = _padded_bounds(z, x, y)
        (mx0, mx1), (my0, my1) = to_mercator(np.array([west, east]), np.array([south, north]))
        batch = self.store.query(mx0, my0, mx1, my1)
        hits = self._shown(batch)
        if len(hits) == 0:
            return None
        hits = hits[np.argsort(batch.rows[hits], kind="stable")]  # the file's order: the topmost drawn last
        tile_m = mercantile.xy_bounds(x, y, z)
        scale = TILE_PX / (tile_m.right - tile_m.left)
        size_px = batch.extent_m[hits] * scale
        pixels = np.zeros((TILE_PX, TILE_PX), dtype=np.uint8)
        src = self._inks_of(batch)
        if self.kind == "Point":
            draw_dots(src, pixels, hits, tile_m.left, tile_m.top, scale, radius=3 if z >= 13 else 2)
            return encode_indexed_png(pixels, self.index_table)
        draw_footprints(src, pixels, hits[size_px < DOT_BELOW_PX], tile_m.left, tile_m.top, scale)
        image = Image.fromarray(pixels, "L")
        large = hits[size_px >= DOT_BELOW_PX]
        if len(large):
            shapes = self.store.with_geometry(batch, self.store.level_for(z), np.sort(large))
            order = np.argsort(shapes.rows, kind="stable")
            draw_shapes(self._inks_of(shapes), image, order, shapes.extent_m[order] * scale, tile_m.left,
                        tile_m.top, scale, self.kind)
        return encode_indexed_png(np.asarray(image), self.index_table)

    # -- identify ------------------------------------------------------------------
    def identify(self, lon: float, lat: float, zoom: float, tolerance_px: float = 4.0) -> str | None:
        """The feature id (the file's fid) under (lon, lat), topmost (last drawn) first."""
        import shapely

        (mx,), (my,) = to_mercator(np.array([lon]), np.array([lat]))
        tolerance = tolerance_px * 2 * math.pi * EARTH_RADIUS / (256 * 2 ** zoom)
        batch = self.store.query(mx - tolerance, my - tolerance, mx + tolerance, my + tolerance)
        wanted = self._shown(batch)
        if len(wanted) == 0:
            return None
        shapes = self.store.with_geometry(batch, 0, np.sort(wanted))
        geoms = self.store.shapes(shapes)
        point = shapely.Point(mx, my)
        if self.kind == "Polygon":
            inside = np.flatnonzero(shapely.intersects(geoms, point))
            if len(inside) == 0:
                inside = np.flatnonzero(shapely.dwithin(geoms, point, tolerance))
            if len(inside) == 0:
                return None
            best = inside[np.argmax(shapes.rows[inside])]
        else:
            distance = shapely.distance(geoms, point)
            if not (distance <= tolerance).any():
                return None
            best = int(np.argmin(distance))
        return str(int(self.features.fids_at(shapes.positions[[best]])[0]))
