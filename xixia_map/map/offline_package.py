"""An offline package of a map service: an area and zoom range downloaded into an MBTiles.

Only for a service whose terms permit it: MapService.offline_allowed, set when
the planner confirms the provider allows it (the dialog says so); 天地图's terms
do not, and its preset is refused here.

The package is an SQLite file written in transactions of BATCH tiles, so an
interrupted download (Cancel, a crash, a pulled cable) leaves a valid archive of
the tiles written so far: it is usable as a basemap at once, and a new run over
the same plan skips the tiles it holds and fetches only the rest. Downloads keep
to a rate limit (tiles per second), retry a failed tile with a growing wait, and
record what still failed, so the planner is told how much is missing.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import mercantile

from ..data.errors import DataError
from ..data.messages import say

BATCH = 50  # tiles per transaction
RETRIES = 3


@dataclass(frozen=True)
class PackagePlan:
    bounds: tuple[float, float, float, float]  # west, south, east, north (lon/lat)
    min_zoom: int
    max_zoom: int

    def tiles(self):
        west, south, east, north = self.bounds
        return mercantile.tiles(west, south, east, north, zooms=list(range(self.min_zoom, self.max_zoom + 1)))

    def count(self) -> int:
        west, south, east, north = self.bounds
        total = 0
        for z in range(self.min_zoom, self.max_zoom + 1):
            ul, lr = mercantile.tile(west, north, z), mercantile.tile(east, south, z)
            total += (lr.x - ul.x + 1) * (lr.y - ul.y + 1)
        return total


def estimate(source, plan: PackagePlan, samples: int = 6) -> tuple[int, float]:
    """(tiles, MB) the plan needs, the size from a few tiles of its highest zoom (fetched)."""
    count = plan.count()
    west, south, east, north = plan.bounds
    sizes = []
    for i in range(samples):
        lon = west + (east - west) * (i + 0.5) / samples
        lat = south + (north - south) * ((i * 7) % samples + 0.5) / samples
        tile = mercantile.tile(lon, lat, plan.max_zoom)
        data = source.tile(tile.z, tile.x, tile.y)
        if data:
            sizes.append(len(data))
    mean = sum(sizes) / len(sizes) if sizes else 20_000  # an empty answer: ~20 KB a tile, a usual basemap's
    return count, count * mean / 1e6


def _open(path: Path, plan: PackagePlan, service) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=30)
    con.execute("CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT)")
    con.execute("CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                "tile_data BLOB, PRIMARY KEY (zoom_level, tile_column, tile_row))")
    con.execute("CREATE TABLE IF NOT EXISTS failed (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                "PRIMARY KEY (zoom_level, tile_column, tile_row))")
    west, south, east, north = plan.bounds
    meta = {"name": service.title, "format": "png", "bounds": f"{west},{south},{east},{north}",
            "minzoom": str(plan.min_zoom), "maxzoom": str(plan.max_zoom), "attribution": service.attribution,
            "description": "xixia-map offline package"}
    with con:
        con.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", list(meta.items()))
    return con


@dataclass
class DownloadResult:
    written: int
    skipped: int  # already in the package (a resumed download)
    failed: int  # still missing after the retries
    seconds: float


def download(source, service, plan: PackagePlan, path: Path, *, rate_per_s: float = 8.0, progress=None,
             cancelled=None, paused=None, confirmed: bool = False) -> DownloadResult:
    """Fetch the plan's tiles from `source` (a ServiceTiles) into the MBTiles at `path`."""
    from ..data.errors import Cancelled

    if not (service.offline_allowed or confirmed):
        raise DataError(path, say("this service's terms do not allow keeping its tiles offline (confirm that "
                                  "they do, or ask the provider for a package)",
                                  "该服务的使用条款不允许离线保存瓦片（请确认条款允许，或向服务方索取离线数据）"))
    if "tianditu.gov.cn" in service.host:
        raise DataError(path, say("天地图's terms do not allow downloading its tiles for offline use",
                                  "天地图的使用条款不允许下载瓦片离线使用"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, plan, service)
    total = plan.count()
    started = time.perf_counter()
    written = skipped = failed = done = 0
    pending: list = []
    interval = 1.0 / rate_per_s if rate_per_s > 0 else 0.0
    next_at = time.monotonic()
    try:
        held = set(con.execute("SELECT zoom_level, tile_column, tile_row FROM tiles").fetchall())
        for tile in plan.tiles():
            if cancelled and cancelled():
                raise Cancelled()
            while paused and paused():
                if cancelled and cancelled():
                    raise Cancelled()
                time.sleep(0.1)
            row = (1 << tile.z) - 1 - tile.y  # MBTiles rows count from the south (TMS)
            done += 1
            if (tile.z, tile.x, row) in held:
                skipped += 1
            else:
                data = None
                for attempt in range(RETRIES):
                    wait = next_at - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                    next_at = time.monotonic() + interval
                    data = source.tile(tile.z, tile.x, tile.y)
                    if data:
                        break
                    time.sleep(min(4.0, 0.25 * 2 ** attempt))  # a growing wait before the next try
                if data:
                    pending.append(("tile", (tile.z, tile.x, row, data)))
                    written += 1
                else:
                    pending.append(("failed", (tile.z, tile.x, row)))
                    failed += 1
            if len(pending) >= BATCH:
                _flush(con, pending)
            if progress and done % 10 == 0:
                progress(done, total)
        _flush(con, pending)
    finally:
        _flush(con, pending)
        con.close()
    if progress:
        progress(total, total)
    return DownloadResult(written, skipped, failed, time.perf_counter() - started)


def _flush(con: sqlite3.Connection, pending: list) -> None:
    """Write what was fetched in one transaction: all of it, or (killed midway) none."""
    if not pending:
        return
    with con:
        for kind, values in pending:
            if kind == "tile":
                con.execute("INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)", values)
                con.execute("DELETE FROM failed WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                            values[:3])
            else:
                con.execute("INSERT OR IGNORE INTO failed VALUES (?, ?, ?)", values)
    pending.clear()
