"""Large layers drawn as raster tiles in Python, served through xixia://.

Pushing 200 000 polygons through a web page costs tens of seconds (folium's
inline GeoJSON path). Instead each tile (TILE_PX square) is rendered on request:

* once per layer, every vertex is projected to Web Mercator with numpy and the
  rings are laid out as flat arrays with offsets, so no tile ever touches a
  shapely geometry object or calls pyproj;
* per tile, an STRtree query finds the features; those smaller than a few
  pixels are splatted as dots in one numpy operation, the rest are gathered
  into pixel coordinates in one operation and handed to Pillow as flat lists;
* rendered tiles are kept in a small LRU cache, so panning back costs nothing.

Clicks are identified in Python with the same index, so the page never holds
the features. Instances are read-only after construction apart from the
locked cache, so tiles can be rendered on worker threads.
"""
from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

import mercantile
import numpy as np
import shapely
from PIL import Image, ImageColor, ImageDraw

from ..data.large.store_build import concat_ranges
from ..data.layers import Layer
from ..data.mercator import EARTH_RADIUS as _R, MAX_LAT as _MAX_LAT, to_mercator
from .png_encode import encode_indexed_png

if TYPE_CHECKING:
    import geopandas as gpd
from .tile_cache import MISSING, TileCache

# Above this many features a layer takes the tile path; below it stays vector
# (tooltips, labels, per-feature highlighting in the page). Measured with
# benchmarks/large_layer.py: at 10 000 polygons the vector path already takes
# ~2 s to draw and ~0.7 s per zoom.
TILE_THRESHOLD = 5_000


# Vertices past which a layer is drawn as tiles whatever its feature count: a
# national boundary of 156 000 vertices in one feature, sent as one SVG path,
# froze the window for minutes (Leaflet projects and clips every vertex on
# every move); 10 000 of the 三调 cells the vector path still draws are ~340 000.
VERTEX_THRESHOLD = 50_000


# layer -> (the frame counted, its vertices); a layer let go takes its entry with it.
_VERTEX_COUNTS: weakref.WeakKeyDictionary[Layer, tuple[gpd.GeoDataFrame, int]] = weakref.WeakKeyDictionary()


def vertex_count(layer: Layer) -> int:
    """The layer's vertices, counted once per frame (shapely's C loop)."""
    import shapely

    cached = _VERTEX_COUNTS.get(layer)
    if cached is None or cached[0] is not layer.frame:
        count = int(shapely.get_num_coordinates(layer.frame.geometry.values).sum()) if len(layer.frame) else 0
        cached = _VERTEX_COUNTS[layer] = (layer.frame, count)
    return cached[1]


def drawn_as_tiles(layer: Layer) -> bool:
    """Whether the map draws a (vector) layer as tiles in Python: above the
    feature or vertex threshold, and always for a layer whose features stay in
    its file. The register, which is edited on the map, stays vector."""
    if layer.is_raster:
        return False
    if layer.streamed or layer.feature_count > TILE_THRESHOLD:
        return True
    return layer.spec.category != "register" and vertex_count(layer) > VERTEX_THRESHOLD


DOT_BELOW_PX = 3.0  # features smaller than this on screen are drawn as dots
OUTLINE_FROM_PX = 8.0  # below this an outline would hide the fill
DOT_ALPHA = 235  # points' dots: nearly opaque, so clusters still read
MAX_COLOURS = 85  # palette entries per layer: 3 inks each, the outline and "nothing" fit 8-bit indices
# Tiles of 512 px (requested one zoom level up, Leaflet's zoomOffset -1):
# each tile request through QtWebEngine costs ~7 ms on this machine whatever
# its content, so a view in a quarter of the requests draws sooner.
TILE_PX = 512
# Leaflet asks for TILE_PX tiles this many zooms up (its zoomOffset is minus this).
ZOOM_OFFSET = int(math.log2(TILE_PX // 256))
# The margin around the view that the page's canvas draws (bitmap_tiles.js, sent with
# each large layer's config), as a share of the view per side.
CANVAS_PADDING = 0.1
CACHE_TILES = 256  # ~70 KB each at 200k parcels: ~18 MB; more than a prefetch plan (~90-150)


def _rgb(value: str, fallback=(136, 136, 136)) -> tuple[int, int, int]:
    try:
        return ImageColor.getrgb(value)[:3]
    except (ValueError, TypeError):
        return fallback


def leaflet_tile_zoom(view_zoom: float) -> int:
    """The zoom of the tile URLs Leaflet asks for at a (possibly fractional) map
    zoom: JavaScript's Math.round, which rounds halves up (Python's round() would
    send 10.5 to 10), then the zoomOffset of 512 px tiles."""
    return math.floor(view_zoom + 0.5) - ZOOM_OFFSET


def tiles_to_prefetch(view: dict) -> list[tuple[int, int, int]]:
    """The tiles a planner is likely to ask for next, from a settled view
    (west/south/east/north/zoom, as client.js reports it), most likely first: the
    next zoom in on the centre, the next zoom out, a ring of half a view around
    this one, then the next zoom in over the rest of the view (a wheel zooms in
    where the mouse is, not only at the centre). Each covers the margin the
    page's canvas draws around the view too (CANVAS_PADDING, bitmap_tiles.js)."""
    zoom = view["zoom"]
    cx, cy = (view["west"] + view["east"]) / 2, (view["south"] + view["north"]) / 2
    half_w, half_h = (view["east"] - view["west"]) / 2, (view["north"] - view["south"]) / 2
    wanted = []
    drawn = 1 + 2 * CANVAS_PADDING  # the canvas, in views

    # Nearest the centre first, in views (a wide view's left and right
    # neighbours are as near as those above and below): a pan needs the tiles
    # next to the view before the far corners, and only the head of the plan
    # is decoded ahead.
    def views_away(t):
        b = mercantile.bounds(t)
        return max(abs((b.west + b.east) / 2 - cx) / half_w, abs((b.south + b.north) / 2 - cy) / half_h)

    for z, grow in ((leaflet_tile_zoom(zoom + 1), drawn / 2), (leaflet_tile_zoom(zoom - 1), drawn * 2),
                    (leaflet_tile_zoom(zoom), 1 + drawn),  # a half-view pan's far edge
                    (leaflet_tile_zoom(zoom + 1), drawn)):
        if 1 <= z <= 18:
            west, east = max(cx - half_w * grow, -180.0), min(cx + half_w * grow, 180.0)
            south, north = max(cy - half_h * grow, -_MAX_LAT), min(cy + half_h * grow, _MAX_LAT)
            near = sorted(mercantile.tiles(west, south, east, north, zooms=z), key=views_away)
            wanted += [(t.z, t.x, t.y) for t in near]
    return list(dict.fromkeys(wanted))


def _padded_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """Tile z/x/y in lon/lat with a margin of a few pixels, so dots and
    outlines that straddle the tile edge are drawn on both tiles."""
    west, south, east, north = mercantile.bounds(x, y, z)
    pad = (east - west) * 4 / TILE_PX
    return west - pad, south - pad, east + pad, north + pad


def may_cover(total_bounds, z: int, x: int, y: int) -> bool:
    """Can tile z/x/y hold any of a layer of these lon/lat bounds? (With the edge margin.)"""
    west, south, east, north = _padded_bounds(z, x, y)
    lo_x, lo_y, hi_x, hi_y = total_bounds
    return west <= hi_x and east >= lo_x and south <= hi_y and north >= lo_y


def _stamp(pixels: np.ndarray, qx: np.ndarray, qy: np.ndarray, ink: np.ndarray, wanted) -> None:
    """Set the pixels (qx, qy) that are wanted and inside the tile to ink (an index into index_table)."""
    ok = wanted & (qx >= 0) & (qx < TILE_PX) & (qy >= 0) & (qy < TILE_PX)
    pixels[qy[ok], qx[ok]] = ink[ok]


# The drawing of one tile, over any `src` holding per-feature boxes (x0, y0,
# x1, y1, cx, cy), inks (fill_ink, line_ink, dot_ink, outline_ink) and flat
# rings (vx, vy, ring_start, feature_ring_start, ring_is_hole): a LayerTiles
# over a layer in memory, or a batch read from a large layer's store.
def draw_dots(src, pixels: np.ndarray, idx: np.ndarray, left: float, top: float, scale: float,
              radius: int) -> None:
    if len(idx) == 0:
        return
    px = np.floor((src.cx[idx] - left) * scale).astype(np.int64)
    py = np.floor((top - src.cy[idx]) * scale).astype(np.int64)
    for dx in range(-radius + 1, radius):
        for dy in range(-radius + 1, radius):
            if dx * dx + dy * dy > (radius - 0.5) ** 2:
                continue  # round dots
            _stamp(pixels, px + dx, py + dy, src.dot_ink[idx], True)


def draw_footprints(src, pixels: np.ndarray, idx: np.ndarray, left: float, top: float, scale: float) -> None:
    """Features under DOT_BELOW_PX: their pixel bounding box, 1 to 3 pixels a side."""
    if len(idx) == 0:
        return
    px0 = np.floor((src.x0[idx] - left) * scale).astype(np.int64)
    py0 = np.floor((top - src.y1[idx]) * scale).astype(np.int64)
    width = np.clip(np.ceil((src.x1[idx] - left) * scale).astype(np.int64) - px0, 1, 3)
    height = np.clip(np.ceil((top - src.y0[idx]) * scale).astype(np.int64) - py0, 1, 3)
    for dx in range(3):
        for dy in range(3):
            _stamp(pixels, px0 + dx, py0 + dy, src.fill_ink[idx], (dx < width) & (dy < height))


def draw_shapes(src, image: Image.Image, idx: np.ndarray, size_px: np.ndarray, left: float, top: float,
                scale: float, kind: str) -> None:
    rings = concat_ranges(src.feature_ring_start[idx], src.feature_ring_start[idx + 1])
    ring_owner = np.repeat(np.arange(len(idx)), np.diff(src.feature_ring_start)[idx])
    vertex = concat_ranges(src.ring_start[rings], src.ring_start[rings + 1])
    # Pixel coordinates as one float32 buffer: Pillow's C drawing calls read
    # a buffer as float32 pairs, so each ring is a memoryview slice of it,
    # with no Python float per vertex.
    flat = np.empty(2 * len(vertex), dtype=np.float32)
    flat[0::2] = (src.vx[vertex] - left) * scale
    flat[1::2] = (top - src.vy[vertex]) * scale
    coords = flat.data  # a memoryview
    ring_len = np.diff(src.ring_start)[rings]
    ends = 2 * np.cumsum(ring_len)
    starts = ends - 2 * ring_len
    draw = ImageDraw.Draw(image)
    if kind != "Polygon":
        inks = src.line_ink[idx].tolist()
        for a, b, owner in zip(starts.tolist(), ends.tolist(), ring_owner.tolist()):
            if b - a >= 4:
                draw.line(coords[a:b], fill=inks[owner], width=2)
        return
    # Pillow's C drawing call (what ImageDraw.polygon makes for a fill, then
    # a 1 px outline), with the index as the ink: ImageDraw.polygon()
    # resolves an ink on every call, which cost as much as the drawing.
    core = draw.draw
    ink = src.fill_ink[idx][ring_owner].astype(np.int64)
    # Holes are cleared after their own exterior, so an island listed later
    # in the layer is drawn over its surrounding parcel's hole.
    ink[src.ring_is_hole[rings]] = 0
    drawable = ring_len >= 3
    outlined = (size_px >= OUTLINE_FROM_PX)[ring_owner] & drawable
    draw_polygon = core.draw_polygon
    if not outlined.any():  # dense zooms: fills only, the tightest loop
        for a, b, fill in zip(starts[drawable].tolist(), ends[drawable].tolist(), ink[drawable].tolist()):
            draw_polygon(coords[a:b], fill, 1)
        return
    outline_ink = src.outline_ink
    # Each outline right after its own fill, so a later parcel covers it.
    for a, b, fill, edge in zip(starts[drawable].tolist(), ends[drawable].tolist(), ink[drawable].tolist(),
                                outlined[drawable].tolist()):
        draw_polygon(coords[a:b], fill, 1)
        if edge:
            draw_polygon(coords[a:b], outline_ink, 0, 1)


class Inks:
    """A style as 8-bit inks: per feature an index into `index_table`, the few
    RGBA values a tile can hold (a fill, a solid line and a dot per colour, the
    outline). Tiles are written as indexed PNGs: a quarter of the bytes of RGBA
    to compress in Python and to inflate in the page, where decoding is on a
    move's path. `values_of(field)` gives a field's values per feature (or None)."""

    def __init__(self, style: dict, values_of, count: int):
        default = _rgb(style.get("fill", style.get("stroke", "#888888")))
        palette = [default]
        color_index = np.zeros(count, dtype=np.int32)
        rule = style.get("color_by")
        graduated = style.get("graduated")
        values = values_of(graduated["field"]) if graduated else None
        if graduated and values is not None:
            from ..data.styling import class_index

            classes = class_index(values, graduated)
            for i, colour in enumerate(graduated["colors"][:MAX_COLOURS - 1]):
                palette.append(_rgb(colour, default))
                color_index[classes == i] = len(palette) - 1
        elif rule and (values := values_of(rule["field"])) is not None:
            keys = np.asarray(values).astype(str)
            # 85 colours x 3 kinds + outline + transparent fill the 256 indices;
            # categories beyond that (not a readable legend) keep the default.
            for key, entry in list(rule["values"].items())[:MAX_COLOURS - 1]:
                palette.append(_rgb(entry.get("color"), default))
                color_index[keys == str(key)] = len(palette) - 1
        n = len(palette)
        fill_alpha = int(255 * float(style.get("fill_opacity", 0.6)))
        rgb = np.array(palette, dtype=np.uint8)
        self.index_table = np.concatenate([
            np.zeros((1, 4), dtype=np.uint8),  # 0: nothing drawn
            np.column_stack([rgb, np.full(n, fill_alpha, dtype=np.uint8)]),  # fills
            np.column_stack([rgb, np.full(n, 255, dtype=np.uint8)]),  # lines
            np.column_stack([rgb, np.full(n, DOT_ALPHA, dtype=np.uint8)]),  # point dots
            np.array([[*_rgb(style.get("stroke", "#555555")), 255]], dtype=np.uint8),  # polygon outlines
        ])
        self.fill_ink = (1 + color_index).astype(np.uint8)
        self.line_ink = (1 + n + color_index).astype(np.uint8)
        self.dot_ink = (1 + 2 * n + color_index).astype(np.uint8)
        self.outline_ink = 1 + 3 * n


class CachedTiles:
    """What the two tile sources (tile_source.py) share: the layer's lon/lat
    bounds (`total_bounds`) and an LRU cache of drawn tiles (`cache`); each draws
    a tile its own way (`_draw`)."""

    total_bounds: np.ndarray
    cache: TileCache

    def may_cover(self, z: int, x: int, y: int) -> bool:
        return may_cover(self.total_bounds, z, x, y)

    def is_cached(self, z: int, x: int, y: int) -> bool:
        return (z, x, y) in self.cache

    def render(self, z: int, x: int, y: int) -> bytes | None:
        """PNG bytes of tile z/x/y, or None where the layer has nothing."""
        data = self.cache.get((z, x, y))
        if data is MISSING:
            data = self._draw(z, x, y)
            self.cache.put((z, x, y), data)
        return data

    def _draw(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError


class LayerTiles(CachedTiles):
    """A TileSource (tile_source.py) over a layer's features held in memory."""

    def __init__(self, layer: Layer):
        self.layer = layer
        frame = layer.drawn_frame()  # a legend class switched off is not drawn, nor identified
        self.ids = frame["id"].astype(str).to_numpy()
        self.geoms = np.asarray(frame.geometry.values, dtype=object)
        self.kind = layer.spec.geometry
        self.tree = shapely.STRtree(self.geoms)
        self._style(layer.spec.style, frame)

        bounds = shapely.bounds(self.geoms)
        self.total_bounds = shapely.total_bounds(self.geoms)  # lon/lat: west, south, east, north
        x0, y0 = to_mercator(bounds[:, 0], bounds[:, 1])
        x1, y1 = to_mercator(bounds[:, 2], bounds[:, 3])
        self.extent_m = np.maximum(x1 - x0, y1 - y0)
        self.x0, self.y1, self.x1, self.y0 = x0, y1, x1, y0
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2

        rings, ring_feature, self.ring_is_hole = self._rings()
        coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
        self.vx, self.vy = to_mercator(coords[:, 0], coords[:, 1])
        self.ring_start = np.searchsorted(coord_ring, np.arange(len(rings) + 1))
        # Rings come out in feature order, so each feature's rings are contiguous.
        self.feature_ring_start = np.searchsorted(ring_feature, np.arange(len(self.geoms) + 1))
        self.cache = TileCache(CACHE_TILES)
        if len(self.ids):
            layer.feature_source.row_of_id(self.ids[0])  # builds the layer's id index here, off the UI thread

    def _rings(self):
        """Flat rings (polygon rings, line strings): the geometries holding them,
        the feature each belongs to, and whether it is a hole."""
        n = len(self.geoms)
        types = shapely.get_type_id(self.geoms)
        simple_type = {"Polygon": 3, "LineString": 1}.get(self.kind)
        if simple_type is not None and n and (types == simple_type).all() and (
                simple_type == 1 or shapely.get_num_interior_rings(self.geoms).max() == 0):
            # The common case (single parcels without holes): each feature is
            # its own one ring, with no per-ring objects to create.
            return self.geoms, np.arange(n), np.zeros(n, dtype=bool)
        if self.kind == "Point":
            return np.empty(0, dtype=object), np.empty(0, dtype=np.int64), np.zeros(0, dtype=bool)
        parts, part_feature = shapely.get_parts(self.geoms, return_index=True)
        if self.kind != "Polygon":
            return parts, part_feature, np.zeros(len(parts), dtype=bool)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        first_of_part = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(ring_part) else np.zeros(0, bool)
        return rings, part_feature[ring_part], ~first_of_part

    def _style(self, style: dict, frame) -> None:
        inks = Inks(style, lambda name: frame[name].to_numpy() if name in frame.columns else None, len(frame))
        self.index_table, self.outline_ink = inks.index_table, inks.outline_ink
        self.fill_ink, self.line_ink, self.dot_ink = inks.fill_ink, inks.line_ink, inks.dot_ink

    # -- rendering ---------------------------------------------------------------
    def _draw(self, z: int, x: int, y: int) -> bytes | None:
        hits = self.tree.query(shapely.box(*_padded_bounds(z, x, y)))
        if len(hits) == 0:
            return None
        hits.sort()  # draw in layer order, so the topmost feature is drawn last
        tile_m = mercantile.xy_bounds(x, y, z)
        scale = TILE_PX / (tile_m.right - tile_m.left)
        size_px = self.extent_m[hits] * scale
        pixels = np.zeros((TILE_PX, TILE_PX), dtype=np.uint8)  # indices into index_table
        if self.kind == "Point":
            draw_dots(self, pixels, hits, tile_m.left, tile_m.top, scale, radius=3 if z >= 13 else 2)
        else:
            draw_footprints(self, pixels, hits[size_px < DOT_BELOW_PX], tile_m.left, tile_m.top, scale)
        image = Image.fromarray(pixels, "L")  # Pillow draws an index as a grey level
        large = hits[size_px >= DOT_BELOW_PX] if self.kind != "Point" else hits[:0]
        if len(large):
            draw_shapes(self, image, large, size_px[size_px >= DOT_BELOW_PX], tile_m.left, tile_m.top, scale,
                        self.kind)
        return encode_indexed_png(np.asarray(image), self.index_table)

    # -- identify ------------------------------------------------------------------
    def identify(self, lon: float, lat: float, zoom: float, tolerance_px: float = 4.0) -> str | None:
        """The id of the feature under (lon, lat), topmost (last drawn) first."""
        metres_per_px = 2 * math.pi * _R / (256 * 2 ** zoom) * math.cos(math.radians(lat))
        tolerance_deg = tolerance_px * metres_per_px / 111_320
        point = shapely.Point(lon, lat)
        if self.kind == "Polygon":
            hits = self.tree.query(point, predicate="intersects")
            if len(hits) == 0:
                hits = self.tree.query(point.buffer(tolerance_deg), predicate="intersects")
        else:
            hits = self.tree.query(point.buffer(tolerance_deg), predicate="intersects")
        if len(hits) == 0:
            return None
        best = hits.max() if self.kind == "Polygon" else hits[np.argmin(shapely.distance(self.geoms[hits], point))]
        return str(self.ids[int(best)])
