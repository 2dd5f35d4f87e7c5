"""Raster layers as Web Mercator tiles, read window by window.

rio-tiler (Development Seed's tiler over rasterio, used by TiTiler) reads just
the pixels a tile needs, through the raster's overviews where it has them, and
reprojects them from the raster's CRS (GK zones, CGCS2000 …) to the map's
grid; hand-written windowed reads would repeat what it does. Imagery is sent as
it is; a DEM is drawn as a hillshade, optionally tinted by height. Each worker
thread keeps its own open dataset (GDAL handles are not shared across threads).
"""
from __future__ import annotations

import math
import threading
import warnings

import numpy as np

from ..data.raster import RasterInfo

TILE_SIZE = 256
AZIMUTH, ALTITUDE = 315.0, 45.0  # the cartographic convention: light from the north-west
# A plain hypsometric ramp (green lowland → brown → white summit), as topographic maps tint.
TINT = np.array([[0.00, 112, 166, 102], [0.25, 184, 204, 128], [0.50, 222, 206, 150],
                 [0.75, 190, 150, 110], [1.00, 245, 245, 240]], dtype=float)
EARTH_CIRCUMFERENCE = 40_075_016.686


def hillshade(heights: np.ndarray, cell_m: float) -> np.ndarray:
    """0…1 shade of a (h+2, w+2) height array (one cell of margin), Horn's method."""
    z = heights.astype(float)
    dzdx = ((z[:-2, 2:] + 2 * z[1:-1, 2:] + z[2:, 2:]) - (z[:-2, :-2] + 2 * z[1:-1, :-2] + z[2:, :-2])) / (8 * cell_m)
    dzdy = ((z[2:, :-2] + 2 * z[2:, 1:-1] + z[2:, 2:]) - (z[:-2, :-2] + 2 * z[:-2, 1:-1] + z[:-2, 2:])) / (8 * cell_m)
    slope = np.arctan(np.hypot(dzdx, dzdy))
    aspect = np.arctan2(dzdy, -dzdx)
    zenith, azimuth = math.radians(90 - ALTITUDE), math.radians(360 - AZIMUTH + 90)
    shade = np.cos(zenith) * np.cos(slope) + np.sin(zenith) * np.sin(slope) * np.cos(azimuth - aspect)
    return np.clip(shade, 0, 1)


def tint(heights: np.ndarray, low: float, high: float) -> np.ndarray:
    t = np.clip((heights - low) / (high - low), 0, 1)
    return np.stack([np.interp(t, TINT[:, 0], TINT[:, k]) for k in (1, 2, 3)])


def max_native_zoom(info: RasterInfo) -> int:
    """The zoom whose pixels are about the raster's own: deeper zooms scale its tiles up."""
    lat = (info.bounds_wgs84[1] + info.bounds_wgs84[3]) / 2
    metres_at_zero = EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / TILE_SIZE
    return max(0, min(22, math.ceil(math.log2(metres_at_zero / max(info.resolution_m, 0.01)))))


class RasterTiles:
    def __init__(self, info: RasterInfo, tinted: bool = True):
        self.info = info
        self.tinted = tinted
        self._local = threading.local()

    def _reader(self):
        reader = getattr(self._local, "reader", None)
        if reader is None:
            from rio_tiler.io import Reader

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # NoOverviewWarning: the layer's report says so in words
                reader = self._local.reader = Reader(str(self.info.path))
        return reader

    def render(self, z: int, x: int, y: int) -> bytes | None:
        from rio_tiler.errors import TileOutsideBounds
        from rio_tiler.models import ImageData

        reader = self._reader()
        if not reader.tile_exists(x, y, z):
            return None
        try:
            if self.info.kind == "image":
                image = reader.tile(x, y, z, tilesize=TILE_SIZE, resampling_method="bilinear",
                                    indexes=(1, 2, 3) if self.info.count >= 3 else None)
                return image.render(img_format="PNG")
            image = reader.tile(x, y, z, tilesize=TILE_SIZE, buffer=1, resampling_method="bilinear")
        except TileOutsideBounds:
            return None
        heights = image.data[0].astype(float)
        valid = image.mask[1:-1, 1:-1] > 0
        if not valid.any():
            return None
        filled = np.where(image.mask > 0, heights, np.nan)
        filled = np.where(np.isnan(filled), np.nanmean(filled), filled)
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 0.5) / 2 ** z))))
        cell = EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / (TILE_SIZE * 2 ** z)
        shade = hillshade(filled, cell)
        inner = filled[1:-1, 1:-1]
        if self.tinted and self.info.elevation_range:
            colour = tint(inner, *self.info.elevation_range) * (0.35 + 0.65 * shade)
        else:
            colour = np.repeat((255 * (0.15 + 0.85 * shade))[None], 3, axis=0)
        data = np.clip(colour, 0, 255).astype(np.uint8)
        masked = np.ma.MaskedArray(data, mask=np.repeat(~valid[None], 3, axis=0))
        return ImageData(masked).render(img_format="PNG")

    def value_at(self, lon: float, lat: float) -> float | None:
        """The DEM's height (or the image's band values) under a lon/lat, or None outside."""
        west, south, east, north = self.info.bounds_wgs84
        if not (west <= lon <= east and south <= lat <= north):
            return None
        try:
            point = self._reader().point(lon, lat)
        except Exception:  # outside the data, or nodata
            return None
        values = np.ma.masked_array(point.data, mask=~(point.mask.astype(bool))) if point.mask is not None else point.data
        if np.ma.is_masked(values) and np.ma.getmaskarray(values).all():
            return None
        return float(values[0])
