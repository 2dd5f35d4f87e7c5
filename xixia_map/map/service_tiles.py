"""Tiles of a map service, fetched in Python and served to the page as Web Mercator tiles.

Why through Python and not straight from the page: a request the page made
would need the interceptor to open a host to Chromium, and a service on the
CGCS2000 grid cannot be drawn by Leaflet's Web Mercator map as it is. Fetched
here, each tile is checked (an image, not an error page), counted when it
fails, drawn empty instead of blocking the map, and kept in a small cache; only
an origin the planner allowed is ever asked, and a redirect is never followed;
and a geographic tile set is reprojected:

  a Web Mercator tile spans a lon/lat box whose longitude is linear in x and
  whose latitude is not; the CGCS2000 tiles covering the box at the level whose
  degrees per pixel first reach the tile's are fetched and pasted side by side,
  and each output row takes the mosaic row at its own latitude (columns scale
  linearly). Rows are taken whole, nearest, at a matched resolution: under half
  a source pixel of error, with no per-pixel resampling in Python.

An origin that fails is backed off (retries after 1, 2, 4 … 60 s), so a dead server
costs one request per period, not one per tile.
"""
from __future__ import annotations

import io
import logging
import math
import threading
import time

import mercantile
import numpy as np
from PIL import Image

from ..data.services.model import CGCS2000, MapService
from .tile_cache import MISSING, TileCache
from .tiles import TileSource, sniff

TIMEOUT_S = 8
CACHE_TILES = 512
TILE_PX = 256
BACKOFF_MAX_S = 60.0
MAX_TILE_BYTES = 10_000_000  # a tile past this is not a tile

log = logging.getLogger(__name__)


class ServiceFetcher:
    """HTTP GETs to the origins the planner allowed only (data/services/allowance.py: scheme, host
    and port; a redirect never followed), with timeouts, counting and backoff."""

    def __init__(self):
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = "xixia-map"
        self.allowed: frozenset[str] = frozenset()  # origins, in allowance.origin_of's spelling
        self.failed = 0  # tiles that could not be had (network, HTTP error, not an image, a redirect)
        self.refused = 0  # requests kept from leaving: an origin not allowed, or a redirect not followed
        self.redirects: list[tuple[str, str]] = []  # (origin, where it pointed) of redirects not followed
        self._lock = threading.Lock()
        self._backoff: dict[str, tuple[float, float]] = {}  # origin -> (retry at, current delay)
        self.clock = time.monotonic  # the backoff's clock (a test moves its own)

    def get(self, url: str) -> bytes | None:
        from ..data.services.allowance import Refused, get, origin_of

        origin = origin_of(url)
        with self._lock:
            allowed = self.allowed
            if origin is None or origin not in allowed:
                self.refused += 1
                return None
            retry_at, _delay = self._backoff.get(origin, (0.0, 0.0))
            if self.clock() < retry_at:
                self.failed += 1
                return None
        content: bytes | None = None  # a tile's image, when the service answered with one
        back_off = True
        try:
            answer = get(self.session, url, allowed, timeout=TIMEOUT_S, max_bytes=MAX_TILE_BYTES)
            if answer.status_code == 200 and sniff(answer.content) is not None:
                content = answer.content
            back_off = answer.status_code >= 500 or answer.status_code == 429
        except Refused as refused:
            with self._lock:
                self.refused += 1
                if refused.redirect_to is not None and len(self.redirects) < 100:
                    self.redirects.append((refused.origin, refused.redirect_to))
        except Exception as error:  # noqa: BLE001 (a network failure, a body past the limit: an empty tile, counted)
            if origin not in self._backoff:  # once as the origin starts to fail, not once a tile
                # The kind of failure only: the URL, which the error's text repeats, may carry
                # the planner's service key (天地图's tk=), and the log is for bug reports.
                log.warning("map service %s failed (%s); backing off", origin, type(error).__name__)
        with self._lock:
            if content is not None:
                self._backoff.pop(origin, None)
                return content
            self.failed += 1
            if back_off:
                _at, delay = self._backoff.get(origin, (0.0, 0.5))
                delay = min(BACKOFF_MAX_S, delay * 2)
                self._backoff[origin] = (self.clock() + delay, delay)
        return None


def _fill(template: str, service: MapService, **values) -> str:
    text = template
    if "{s}" in text and service.subdomains:
        index = (values.get("x", 0) + values.get("y", 0)) % len(service.subdomains)
        text = text.replace("{s}", service.subdomains[index])
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text.replace("{key}", service.key)


class ServiceTiles(TileSource):
    """A TileSource (tiles.py) over a map service: tile(z, x, y) in Web Mercator, PNG or JPEG bytes."""

    kind = "service"

    def __init__(self, service: MapService, fetcher: ServiceFetcher):
        self.service = service
        self.fetcher = fetcher
        self.min_zoom, self.max_zoom = service.min_zoom, service.max_zoom
        self.url = service.url
        self.cache = TileCache(CACHE_TILES)

    def describe(self) -> dict:
        return {"kind": self.kind, "service": self.service.name, "min_zoom": self.min_zoom, "max_zoom": self.max_zoom}

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        data = self.cache.get((z, x, y))
        if data is MISSING:
            data = self._tile(z, x, y)
            if data is not None:  # a failed tile is asked again next time (its host may be back)
                self.cache.put((z, x, y), data)
        return data

    def _tile(self, z: int, x: int, y: int) -> bytes | None:
        s = self.service
        if s.grid == CGCS2000:
            return self._reprojected(z, x, y)
        if s.kind == "wms":
            b = mercantile.xy_bounds(x, y, z)
            return self.fetcher.get(self._wms_url("EPSG:3857", (b.left, b.bottom, b.right, b.top)))
        if s.kind == "wmts" and s.matrices:
            level = next((m for m in s.matrices if round(math.log2(156543.03392804097 / m.units_per_px)) == z), None)
            if level is None:
                return None
            return self.fetcher.get(_fill(s.url, s, m=level.identifier, x=x, y=y, z=z))
        return self.fetcher.get(_fill(s.url, s, z=z, x=x, y=y))

    def _wms_url(self, crs: str, bbox) -> str:
        from urllib.parse import urlencode

        s = self.service
        axis_swapped = crs == "EPSG:4490"  # WMS 1.3.0 lists a geographic EPSG CRS latitude first
        west, south, east, north = bbox
        box = (south, west, north, east) if axis_swapped else (west, south, east, north)
        query = urlencode({"SERVICE": "WMS", "REQUEST": "GetMap", "VERSION": "1.3.0", "LAYERS": s.layer,
                           "STYLES": "", "CRS": crs, "BBOX": ",".join(f"{v:.9f}" for v in box),
                           "WIDTH": TILE_PX, "HEIGHT": TILE_PX, "FORMAT": s.fmt,
                           "TRANSPARENT": "TRUE" if s.transparent else "FALSE"})
        return s.url + ("&" if "?" in s.url else "?") + query

    # -- CGCS2000 lon/lat grids ------------------------------------------------------
    def _reprojected(self, z: int, x: int, y: int) -> bytes | None:
        bounds = mercantile.bounds(x, y, z)
        west, south, east, north = bounds.west, bounds.south, bounds.east, bounds.north
        if self.service.kind == "wms":
            # Asked in lon/lat at the tile's latitude span, then rows moved as below.
            width_deg = (east - west) / TILE_PX
            height_px = max(1, round((north - south) / width_deg))
            data = self.fetcher.get(self._wms_url("EPSG:4490", (west, south, east, north)).replace(
                f"HEIGHT={TILE_PX}", f"HEIGHT={height_px}"))
            if data is None:
                return None
            mosaic = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
            return _rows_to_mercator(mosaic, north, (north - south) / mosaic.shape[0], west,
                                     (east - west) / mosaic.shape[1], x, y, z)
        wanted = (east - west) / TILE_PX  # degrees per output pixel along x
        levels = [m for m in self.service.matrices if m.units_per_px >= wanted * 0.75]
        if not levels:
            levels = list(self.service.matrices)
        if not levels:
            return None
        level = min(levels, key=lambda m: m.units_per_px)
        size_deg = level.units_per_px * level.tile_px
        left, top = level.top_left
        col0, col1 = int(math.floor((west - left) / size_deg)), int(math.floor((east - left) / size_deg - 1e-12))
        row0, row1 = int(math.floor((top - north) / size_deg)), int(math.floor((top - south) / size_deg - 1e-12))
        if (col1 - col0 + 1) * (row1 - row0 + 1) > 16:
            return None  # far too coarse a match (the service lacks the levels): nothing rather than a mess
        mosaic = np.zeros(((row1 - row0 + 1) * level.tile_px, (col1 - col0 + 1) * level.tile_px, 4), np.uint8)
        got = False
        for row in range(row0, row1 + 1):
            for col in range(col0, col1 + 1):
                data = self.fetcher.get(_fill(self.service.url, self.service, m=level.identifier, x=col, y=row,
                                              z=level.identifier))
                if data is None:
                    continue
                try:
                    image = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
                except Exception:  # noqa: BLE001 (a damaged tile: left empty)
                    log.warning("map service tile %s/%s/%s of %s is not an image", level.identifier, col, row,
                                self.service.name, exc_info=True)
                    continue
                oy, ox = (row - row0) * level.tile_px, (col - col0) * level.tile_px
                mosaic[oy:oy + image.shape[0], ox:ox + image.shape[1]] = image[:level.tile_px, :level.tile_px]
                got = True
        if not got:
            return None
        return _rows_to_mercator(mosaic, top - row0 * size_deg, level.units_per_px, left + col0 * size_deg,
                                 level.units_per_px, x, y, z)


def _rows_to_mercator(mosaic: np.ndarray, top_lat: float, deg_per_row: float, left_lon: float, deg_per_col: float,
                      x: int, y: int, z: int) -> bytes:
    """The Web Mercator tile z/x/y cut from a lon/lat mosaic whose top-left is (left_lon, top_lat)."""
    b = mercantile.xy_bounds(x, y, z)
    pixel_m = (b.right - b.left) / TILE_PX
    centres_y = b.top - (np.arange(TILE_PX) + 0.5) * pixel_m
    lat = np.degrees(2 * np.arctan(np.exp(centres_y / 6378137.0)) - np.pi / 2)
    bounds = mercantile.bounds(x, y, z)
    lon = bounds.west + (np.arange(TILE_PX) + 0.5) * (bounds.east - bounds.west) / TILE_PX
    rows = np.clip(np.floor((top_lat - lat) / deg_per_row).astype(int), 0, mosaic.shape[0] - 1)
    cols = np.clip(np.floor((lon - left_lon) / deg_per_col).astype(int), 0, mosaic.shape[1] - 1)
    out = mosaic[rows[:, None], cols[None, :]]
    buffer = io.BytesIO()
    Image.fromarray(out, "RGBA").save(buffer, "PNG")
    return buffer.getvalue()


class StackedTiles(TileSource):
    """A base service and its annotation (天地图's 矢量 + 注记) drawn as one tile:
    one tile layer in the page, so one composited layer per frame."""

    kind = "service"

    def __init__(self, parts: list[ServiceTiles]):
        self.parts = parts
        self.min_zoom = min(p.min_zoom for p in parts)
        self.max_zoom = max(p.max_zoom for p in parts)
        self.url = parts[0].url

    def describe(self) -> dict:
        return {"kind": self.kind, "parts": [p.describe() for p in self.parts]}

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        images = []
        for part in self.parts:
            data = part.tile(z, x, y)
            if data is not None:
                try:
                    images.append(Image.open(io.BytesIO(data)).convert("RGBA").resize((TILE_PX, TILE_PX)))
                except Exception:  # noqa: BLE001 (a damaged tile: skipped)
                    log.warning("tile %s/%s/%s of a layered basemap is not an image", z, x, y, exc_info=True)
                    continue
        if not images:
            return None
        out = images[0]
        for image in images[1:]:
            out = Image.alpha_composite(out, image)
        buffer = io.BytesIO()
        out.save(buffer, "PNG")
        return buffer.getvalue()
