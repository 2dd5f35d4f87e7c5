"""Real tile services on loopback for the tests: a small HTTP server for an XYZ
template, an ArcGIS REST MapServer cache, and the failures (403, 500, a tile
that is not an image, no answer in time); and MapProxy (the WMS/WMTS server from
PyPI) in front of its XYZ tiles, serving them as WMTS on both grids (Web
Mercator, and CGCS2000 lon/lat reprojected by MapProxy itself) and as WMS.
`make_mbtiles` writes the same tiles as an MBTiles archive.

The tiles' colours are a smooth field of longitude and latitude (`field`), so a
test can tell from one pixel whether a tile was drawn in the right place.
"""
from __future__ import annotations

import io
import json
import socket
import sqlite3
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import mercantile
import numpy as np
from PIL import Image

BOX = (111.0, 33.0, 111.9, 33.9)  # the county's neighbourhood
ZOOMS = range(6, 13)
# The ceiling of every wait on a condition in the map-service tests (the map idle,
# a frame shown, a job done): generous for a loaded 2-core machine, never reached
# when things work, as each wait ends as soon as its condition holds.
CEILING_S = 180


def field(lon, lat):
    """The colour the tiles carry at (lon, lat): red follows longitude, green latitude."""
    r = np.clip((np.asarray(lon) - 110.5) / 2.0 * 255, 0, 255)
    g = np.clip((np.asarray(lat) - 32.5) / 2.0 * 255, 0, 255)
    return np.stack([r, g, np.full_like(r, 100.0)], axis=-1)


def tile_png(z: int, x: int, y: int) -> bytes:
    b = mercantile.xy_bounds(x, y, z)
    px = (b.right - b.left) / 256
    mx = b.left + (np.arange(256) + 0.5) * px
    my = b.top - (np.arange(256) + 0.5) * px
    lon = np.degrees(mx / 6378137.0)
    lat = np.degrees(2 * np.arctan(np.exp(my / 6378137.0)) - np.pi / 2)
    colours = field(lon[None, :].repeat(256, 0), lat[:, None].repeat(256, 1)).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(colours, "RGB").save(out, "PNG")
    return out.getvalue()


def make_mbtiles(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "field"), ("format", "png"),
                                                          ("minzoom", str(min(ZOOMS))), ("maxzoom", str(max(ZOOMS)))])
    for tile in mercantile.tiles(*BOX, zooms=list(ZOOMS)):
        con.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    (tile.z, tile.x, (1 << tile.z) - 1 - tile.y, tile_png(tile.z, tile.x, tile.y)))
    con.commit()
    con.close()
    return path


MAPPROXY = """
services:
  wmts:
    restful: false
    kvp: true
  wms:
    srs: ['EPSG:3857', 'EPSG:4490']
    versions: ['1.3.0']
    md: {title: 测试服务}
layers:
  - name: field
    title: 测试底图
    sources: [field_cache]
  - name: field_c
    title: 测试底图（CGCS2000）
    sources: [field_cache_c]
sources:
  field_tiles:
    type: tile
    url: {xyz}/xyz/%(z)s/%(x)s/%(y)s.png
    grid: webmercator
    transparent: false
caches:
  field_cache:
    grids: [webmercator]
    sources: [field_tiles]
  field_cache_c:
    grids: [cgcs2000]
    sources: [field_cache]
grids:
  webmercator:
    base: GLOBAL_WEBMERCATOR
  cgcs2000:
    srs: 'EPSG:4490'
    bbox: [-180, -90, 180, 90]
    bbox_srs: 'EPSG:4490'
    origin: ul
    min_res: 0.703125
    num_levels: 18
    tile_size: [256, 256]
globals:
  cache:
    base_dir: '{cache}'
    lock_dir: '{cache}/locks'
  image:
    paletted: false
"""

# What the tests draw of the CGCS2000 layer: the county's middle at MapProxy's
# levels 9-11 (a Web Mercator view at zoom 10-12 and the WMS at one tile's size).
# MapProxy reprojects each of these cold at ~0.5 s, so they are seeded before any
# test measures anything (mapproxy-seed, MapProxy's own tool).
SEED = """
seeds:
  county_middle:
    caches: [field_cache_c]
    grids: [cgcs2000]
    coverages: [county_middle]
    levels:
      from: 9
      to: 11
coverages:
  county_middle:
    bbox: [111.15, 33.10, 111.80, 33.55]
    srs: 'EPSG:4490'
"""
SEED_CEILING_S = 900  # a generous ceiling for a loaded machine; seeding takes seconds on an idle one


class _Threaded(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A WSGI app on a free loopback port, in a thread, with a count of its requests."""

    def __init__(self, app):
        self.requests: list[str] = []
        self.hosts: list[str] = []  # the Host header of each request: which name and port it was sent to

        def counted(environ, start_response):
            self.requests.append(environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", ""))
            self.hosts.append(environ.get("HTTP_HOST", ""))
            return app(environ, start_response)

        self.port = _free_port()
        self.server = make_server("127.0.0.1", self.port, counted, server_class=_Threaded, handler_class=_Quiet)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        """What the planner allows to reach it (data/services/allowance.py's spelling)."""
        return self.base

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_mapproxy(folder: Path, upstream: "Served", *, seed: bool = True) -> Served:
    """MapProxy in front of the XYZ server `upstream` (its tiles the source of every service),
    caching in `folder`; with `seed`, the CGCS2000 tiles the tests draw are made first."""
    import subprocess
    import sys

    from mapproxy.wsgiapp import make_wsgi_app

    config = folder / "mapproxy.yaml"
    config.write_text(MAPPROXY.replace("{xyz}", upstream.base).replace("{cache}", (folder / "cache").as_posix()),
                      encoding="utf-8")
    if seed:
        seeds = folder / "seed.yaml"
        seeds.write_text(SEED, encoding="utf-8")
        subprocess.run([sys.executable, "-c", "import sys; from mapproxy.seed.script import main; sys.exit(main())",
                        "-f", str(config), "-s", str(seeds), "-c", "2", "-q"],
                       check=True, timeout=SEED_CEILING_S, capture_output=True)
    return Served(make_wsgi_app(str(config)))


def _arcgis_json() -> dict:
    lods = [{"level": z, "resolution": 156543.03392804097 / 2 ** z, "scale": 591657527.591555 / 2 ** z}
            for z in ZOOMS]
    return {"currentVersion": 10.81, "mapName": "测试底图", "copyrightText": "测试数据",
            "tileInfo": {"rows": 256, "cols": 256, "format": "PNG", "origin": {"x": -20037508.342787, "y": 20037508.342787},
                         "spatialReference": {"wkid": 102100, "latestWkid": 3857}, "lods": lods}}


def simple_app(environ, start_response):
    """XYZ at /xyz/z/x/y.png, an ArcGIS MapServer at /arcgis/…, and the failures."""
    path = environ.get("PATH_INFO", "")
    parts = path.strip("/").split("/")

    def reply(status, body: bytes, kind="image/png"):
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    if parts[0] == "xyz" and len(parts) == 4:
        z, x, y = int(parts[1]), int(parts[2]), int(parts[3].split(".")[0])
        return reply("200 OK", tile_png(z, x, y))
    if path.endswith("/MapServer") or path.endswith("/MapServer/"):
        return reply("200 OK", json.dumps(_arcgis_json(), ensure_ascii=False).encode("utf-8"), "application/json")
    if "/MapServer/tile/" in path:
        z, y, x = (int(v) for v in parts[-3:])
        return reply("200 OK", tile_png(z, x, y))
    if parts[0] == "forbidden":
        return reply("403 Forbidden", b"<html>no key</html>", "text/html")
    if parts[0] == "broken":
        return reply("500 Internal Server Error", b"<html>oops</html>", "text/html")
    if parts[0] == "notimage":
        return reply("200 OK", b"<html>this is not a tile</html>", "text/html")
    if parts[0] == "notxml":
        return reply("200 OK", b"{\"hello\": 1}", "application/json")
    if parts[0] == "slow":
        time.sleep(3)
        return reply("200 OK", b"<Capabilities/>", "text/xml")
    return reply("404 Not Found", b"", "text/plain")


def start_simple() -> Served:
    return Served(simple_app)


if __name__ == "__main__":  # the benchmark's servers, in a process of their own
    import sys
    import tempfile

    simple_server = start_simple()
    # not seeded: the benchmark measures the cold fill
    proxy = start_mapproxy(Path(tempfile.mkdtemp(prefix="xixia-mapproxy-")), simple_server, seed=False)
    print(json.dumps({"simple": simple_server.base, "mapproxy": proxy.base}), flush=True)
    sys.stdin.read()  # until the benchmark closes our stdin


def assert_in_place(data: bytes, z: int, x: int, y: int, tolerance: float = 6.0) -> None:
    """Every sampled pixel has the field's colour at its own lon/lat."""
    image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(float)
    b = mercantile.xy_bounds(x, y, z)
    px = (b.right - b.left) / 256
    for row in (5, 64, 128, 200, 250):
        for col in (5, 100, 250):
            mx, my = b.left + (col + 0.5) * px, b.top - (row + 0.5) * px
            lon = np.degrees(mx / 6378137.0)
            lat = np.degrees(2 * np.arctan(np.exp(my / 6378137.0)) - np.pi / 2)
            want = field(lon, lat)
            assert np.abs(image[row, col] - want).max() <= tolerance, (row, col, image[row, col], want)


TILE = mercantile.tile(111.48, 33.31, 11)
