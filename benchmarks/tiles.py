"""Tile serving speed from the bundled MBTiles.

1. Raw: tiles per second answered by the archive (TileRegistry.lookup), over every
   z12 tile of the bundled area.
2. In the real view (1600x1000, offscreen QtWebEngine): jump to an area whose tiles
   have not been shown yet and time until Leaflet reports every tile loaded and the
   map idle. Target: a full view of new tiles in <= 300 ms.

    .venv/bin/python benchmarks/tiles.py
"""
from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import mercantile  # noqa: E402

from xixia_map.map.basemaps import BUNDLED_PATH  # noqa: E402
from xixia_map.map.tiles import TileRegistry, open_tile_source  # noqa: E402


def raw_rate() -> None:
    registry = TileRegistry()
    registry.add("b", open_tile_source(BUNDLED_PATH))
    tiles = list(mercantile.tiles(110.4, 32.6, 112.37, 34.39, [12]))
    started = time.perf_counter()
    for _ in range(3):
        for t in tiles:
            registry.lookup(f"b/{t.z}/{t.x}/{t.y}")
    elapsed = time.perf_counter() - started
    print(f"raw: {3 * len(tiles)} z12 tiles in {elapsed * 1000:.0f} ms = {3 * len(tiles) / elapsed:,.0f} tiles/s")


def in_view() -> None:
    from xixia_map.map.runtime import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])  # noqa: F841
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.view import MapView
    from xixia_map.paths import CATALOG_PATH

    view = MapView(LayerList.from_catalog(load_catalog(CATALOG_PATH)), basemap="xixia")
    view.resize(1600, 1000)
    view.show()
    wait_until_idle(view)
    # Views that never overlap: at z12 a 1600x1000 view spans ~0.55 x 0.29 degrees, at z13 half that.
    spots = [(110.75 + 0.6 * i, 32.80 + 0.33 * j, 12) for i in range(3) for j in range(5)]
    spots += [(111.12 + 0.29 * i, 33.17 + 0.16 * j, 13) for i in range(3) for j in range(4)]
    timings, counts = [], []
    for lon, lat, zoom in spots:
        before = view.handler.tiles.served
        started = time.perf_counter()
        view.call_sync("setViewNoAnim", lon, lat, zoom)
        wait_until_idle(view)
        timings.append((time.perf_counter() - started) * 1000)
        counts.append(view.handler.tiles.served - before)
    print(f"in view 1600x1000: {len(spots)} jumps to fresh areas, {statistics.mean(counts):.0f} new tiles each; "
          f"time to all tiles drawn: median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms "
          "(target <= 300 ms)")
    print(f"blocked outside requests: {view.blocked_requests}")


if __name__ == "__main__":
    raw_rate()
    in_view()
