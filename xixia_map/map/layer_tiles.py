"""Large layers drawn as raster tiles in Python, served through xixia://.

Pushing 200 000 polygons through a web page costs seconds (folium's inline
GeoJSON path: ~17 s in SVG). Instead each 256 px tile is rendered on request
from a shapely STRtree: features smaller than a pixel at that zoom are splatted
as dots with numpy, larger ones are filled with Pillow. Clicks are identified
in Python with the same index, so the page never holds the features at all.
"""
from __future__ import annotations

import io
import math

import mercantile
import numpy as np
import shapely
from PIL import Image, ImageDraw, ImageColor
from pyproj import Transformer

from ..data.layers import Layer

# Above this many features a layer takes the tile path; below it stays vector.
TILE_THRESHOLD = 20_000
DOT_BELOW_PX = 3.0  # features smaller than this on screen are drawn as dots
_TO_MERC = Transformer.from_crs(4326, 3857, always_xy=True)
_HALF = 20037508.342789244


def _rgb(value: str, fallback=(136, 136, 136)) -> tuple[int, int, int]:
    try:
        return ImageColor.getrgb(value)[:3]
    except (ValueError, TypeError):
        return fallback


class LayerTiles:
    def __init__(self, layer: Layer):
        self.layer = layer
        frame = layer.frame
        self.geoms = frame.geometry.values
        self.tree = shapely.STRtree(self.geoms)
        style = layer.spec.style
        default = _rgb(style.get("fill", style.get("stroke", "#888888")))
        self.stroke = _rgb(style.get("stroke", "#555555"))
        rule = style.get("color_by")
        if rule and rule["field"] in frame.columns:
            palette = {str(k): _rgb(v["color"], default) for k, v in rule["values"].items()}
            keys = frame[rule["field"]].astype(str).to_numpy()
            self.colors = np.array([palette.get(k, default) for k in keys], dtype=np.uint8)
        else:
            self.colors = np.tile(np.array(default, dtype=np.uint8), (len(frame), 1))
        self.fill_alpha = int(255 * float(style.get("fill_opacity", 0.6)))
        points = shapely.get_coordinates(shapely.centroid(self.geoms))
        self.cx, self.cy = _TO_MERC.transform(points[:, 0], points[:, 1])
        bounds = shapely.bounds(self.geoms)
        x0, y0 = _TO_MERC.transform(bounds[:, 0], bounds[:, 1])
        x1, y1 = _TO_MERC.transform(bounds[:, 2], bounds[:, 3])
        self.extent_m = np.maximum(np.asarray(x1) - np.asarray(x0), np.asarray(y1) - np.asarray(y0))
        self.kind = layer.spec.geometry

    # -- rendering ---------------------------------------------------------------
    def render(self, z: int, x: int, y: int) -> bytes | None:
        west, south, east, north = mercantile.bounds(x, y, z)
        hits = self.tree.query(shapely.box(west, south, east, north))
        if len(hits) == 0:
            return None
        tile_m = mercantile.xy_bounds(x, y, z)
        scale = 256 / (tile_m.right - tile_m.left)
        image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
        small = hits[self.extent_m[hits] * scale < DOT_BELOW_PX] if self.kind != "Point" else hits
        large = np.setdiff1d(hits, small, assume_unique=True)
        if len(small):
            self._dots(image, small, tile_m.left, tile_m.top, scale)
        if len(large):
            self._shapes(image, large, tile_m.left, tile_m.top, scale)
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)
        return out.getvalue()

    def _dots(self, image, idx, left, top, scale) -> None:
        px = ((self.cx[idx] - left) * scale).astype(np.int32)
        py = ((top - self.cy[idx]) * scale).astype(np.int32)
        pixels = np.zeros((256, 256, 4), dtype=np.uint8)
        size = 3 if self.kind == "Point" else 2
        for dx in range(size):
            for dy in range(size):
                ok = (px + dx >= 0) & (px + dx < 256) & (py + dy >= 0) & (py + dy < 256)
                pixels[py[ok] + dy, px[ok] + dx, :3] = self.colors[idx[ok]]
                pixels[py[ok] + dy, px[ok] + dx, 3] = 230
        image.alpha_composite(Image.fromarray(pixels, "RGBA"))

    def _shapes(self, image, idx, left, top, scale) -> None:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        outline = (*self.stroke, 255)
        for i in idx:
            color = tuple(int(c) for c in self.colors[i])
            geom = self.geoms[i]
            for part in getattr(geom, "geoms", [geom]):
                if part.geom_type == "Polygon":
                    ring = self._pixels(part.exterior.coords, left, top, scale)
                    draw.polygon(ring, fill=(*color, self.fill_alpha), outline=outline)
                elif part.geom_type == "LineString":
                    draw.line(self._pixels(part.coords, left, top, scale), fill=(*color, 255), width=2)
                elif part.geom_type == "Point":
                    px, py = self._pixels(part.coords, left, top, scale)[0]
                    draw.ellipse((px - 3, py - 3, px + 3, py + 3), fill=(*color, 255), outline=outline)
        image.alpha_composite(overlay)

    @staticmethod
    def _pixels(coords, left, top, scale):
        arr = np.asarray(coords)
        mx, my = _TO_MERC.transform(arr[:, 0], arr[:, 1])
        return list(zip(((np.asarray(mx) - left) * scale).tolist(), ((top - np.asarray(my)) * scale).tolist()))

    # -- identify ------------------------------------------------------------------
    def identify(self, lon: float, lat: float, zoom: float, tolerance_px: float = 4.0) -> str | None:
        """The id of the feature under (lon, lat), topmost (last drawn) first."""
        metres_per_px = 2 * _HALF / (256 * 2 ** zoom) * math.cos(math.radians(lat))
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
        return str(self.layer.frame["id"].iloc[int(best)])
