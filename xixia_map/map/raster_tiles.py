"""Raster layers as Web Mercator tiles, read window by window.

rio-tiler (Development Seed's tiler over rasterio, used by TiTiler) reads just
the pixels a tile needs, through the raster's overviews where it has them, and
reprojects them from the raster's CRS (GK zones, CGCS2000 …) to the map's
grid; hand-written windowed reads would repeat what it does. Imagery is sent as
it is; a DEM is drawn as a hillshade, optionally tinted by height. Each worker
thread keeps its own open dataset (GDAL handles are not shared across threads).
"""
from __future__ import annotations

import logging
import math
import threading
import warnings

import numpy as np

from ..data.raster import TILE_READ_PIXELS, RasterInfo

log = logging.getLogger(__name__)

# 512 px tiles: a read costs about the same at 512 as at 256 px (17 against
# 15 ms at zoom 17 on the benchmark's DOM), so a view fills from a quarter of
# the requests. The page asks for them with Leaflet's zoomOffset -1.
TILE_SIZE = 512
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


_warmed = threading.Event()


def warm_up() -> None:
    """Import rasterio and rio-tiler and let PROJ find its database once, on a
    background thread after the map is first drawn: 0.2 s the first raster a
    planner opens would otherwise spend before its first tile."""
    if _warmed.is_set():
        return
    _warmed.set()

    def work():
        import rasterio.warp
        import rio_tiler.io  # noqa: F401
        from rasterio.crs import CRS

        rasterio.warp.transform_bounds(CRS.from_epsg(4525), CRS.from_epsg(4326), 37_500_000, 3_600_000,
                                       37_510_000, 3_610_000)

    threading.Thread(target=work, name="raster-warm-up", daemon=True).start()


def max_native_zoom(info: RasterInfo) -> int:
    """The tile zoom (of TILE_SIZE tiles) whose pixels are about the raster's own:
    deeper zooms scale its tiles up."""
    lat = (info.bounds_wgs84[1] + info.bounds_wgs84[3]) / 2
    metres_at_zero = EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / TILE_SIZE
    return max(0, min(22, math.ceil(math.log2(metres_at_zero / max(info.resolution_m, 0.01)))))


GDAL_TYPES = {"uint8": "Byte", "int8": "Int8", "uint16": "UInt16", "int16": "Int16", "uint32": "UInt32",
              "int32": "Int32", "float32": "Float32", "float64": "Float64"}
# Datums PROJ relates to WGS84 by a null ("ballpark") transformation anyway.
NULL_SHIFT_DATUMS = {"China 2000", "China_2000", "China Geodetic Coordinate System 2000", "World Geodetic System 1984",
                     "WGS_1984", "World Geodetic System 1984 ensemble"}


def fast_source(info: RasterInfo) -> str:
    """What the tiler opens: for a CGCS2000 or WGS84 raster, a VRT of the file
    whose CRS carries no EPSG code.

    Why: rio-tiler builds several coordinate transformations per tile (tile
    bounds, the warp), and rasterio's GDAL looks each EPSG:4525→EPSG:3857 one up
    in PROJ's database: 24 ms a time, 190 ms of a 210 ms tile here. The same
    projection written out (tmerc on GRS80, which is how PROJ relates CGCS2000 to
    WGS84 anyway, with a null shift) needs no lookup: 0.9 ms, pixel-identical
    tiles (tested), a tile at zoom 14 in 34 ms instead of 320. A plain VRT over
    the whole file keeps the file's overviews (GDAL's implicit overviews)."""
    from xml.sax.saxutils import escape, quoteattr

    import rasterio
    from pyproj import CRS as ProjCRS
    from rasterio.crs import CRS

    path = str(info.path)
    try:
        datum = ProjCRS.from_user_input(info.crs).datum
    except Exception:  # an unusual CRS: read the file as it is
        log.info("the datum of %s is not known to pyproj; read as it is", path, exc_info=True)
        return path
    if datum is None or datum.name not in NULL_SHIFT_DATUMS:
        return path  # a datum with a real shift (e.g. Xian 1980) keeps its EPSG transformation
    with rasterio.open(path) as src:
        fast = CRS.from_proj4(src.crs.to_proj4())
        nodata = f"<NoDataValue>{src.nodata!r}</NoDataValue>" if src.nodata is not None else ""
        rect = f'xOff="0" yOff="0" xSize="{src.width}" ySize="{src.height}"'
        bands = "".join(
            f'<VRTRasterBand dataType="{GDAL_TYPES.get(src.dtypes[i], "Float64")}" band="{i + 1}">'
            f"<ColorInterp>{src.colorinterp[i].name}</ColorInterp>{nodata}<SimpleSource>"
            f'<SourceFilename relativeToVRT="0">{escape(path)}</SourceFilename><SourceBand>{i + 1}</SourceBand>'
            f"<SrcRect {rect}/><DstRect {rect}/></SimpleSource></VRTRasterBand>" for i in range(src.count))
        return (f"<VRTDataset rasterXSize={quoteattr(str(src.width))} rasterYSize={quoteattr(str(src.height))}>"
                f"<SRS>{escape(fast.to_wkt())}</SRS><GeoTransform>{', '.join(map(repr, src.transform.to_gdal()))}"
                f"</GeoTransform>{bands}</VRTDataset>")


def _tile_bounds_overlap(info: RasterInfo, z: int, x: int, y: int) -> bool:
    import mercantile

    b = mercantile.bounds(x, y, z)
    west, south, east, north = info.bounds_wgs84
    return b.west < east and b.east > west and b.south < north and b.north > south


def source_pixels(info: RasterInfo, z: int, x: int, y: int) -> float:
    """About how many of the raster's pixels a tile's read decodes: the part of
    the raster under the tile, at the overview the warper would read (the
    coarsest no coarser than the tile's own pixels)."""
    import mercantile

    b = mercantile.bounds(x, y, z)
    west, south, east, north = info.bounds_wgs84
    cols = max(0.0, min(b.east, east) - max(b.west, west)) / max(east - west, 1e-12) * info.width
    rows = max(0.0, min(b.north, north) - max(b.south, south)) / max(north - south, 1e-12) * info.height
    need = max(cols, rows) / TILE_SIZE
    factor = max([f for f in info.overviews if f <= need] or [1])
    return (cols / factor) * (rows / factor)


def _encode_image(image) -> bytes:
    """A tile wholly inside the image as JPEG, as orthophoto tile services send
    it (a 256 px tile of the benchmark's DOM: 2.4 ms and 7.7 KB, against 17 ms
    and 45 KB for rio-tiler's PNG); one on the image's edge as PNG, whose alpha
    keeps the outside transparent."""
    import io

    from PIL import Image

    rgb = np.ascontiguousarray(np.moveaxis(image.data[:3], 0, 2))
    mask = image.mask
    buffer = io.BytesIO()
    if mask is None or mask.min() == 255:
        Image.fromarray(rgb).save(buffer, "JPEG", quality=85)
    else:
        Image.fromarray(np.dstack([rgb, mask.astype(np.uint8)]), "RGBA").save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


class RasterTiles:
    def __init__(self, info: RasterInfo, tinted: bool = True):
        self.info = info
        self.tinted = tinted
        self.source = fast_source(info)
        self._local = threading.local()

    def _reader(self):
        reader = getattr(self._local, "reader", None)
        if reader is None:
            from rio_tiler.io import Reader

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # NoOverviewWarning: the layer's report says so in words
                reader = self._local.reader = Reader(self.source)
        return reader

    def render(self, z: int, x: int, y: int) -> bytes | None:
        from rio_tiler.errors import TileOutsideBounds
        from rio_tiler.models import ImageData

        if not _tile_bounds_overlap(self.info, z, x, y):  # no transformation needed to know
            return None
        if source_pixels(self.info, z, x, y) > TILE_READ_PIXELS:
            return None
        reader = self._reader()
        try:
            if self.info.kind == "image":
                image = reader.tile(x, y, z, tilesize=TILE_SIZE, resampling_method="bilinear",
                                    indexes=(1, 2, 3) if self.info.count >= 3 else None)
                return _encode_image(image)
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
