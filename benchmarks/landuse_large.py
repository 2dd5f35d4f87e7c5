"""Issue 21's figures: a whole county's 三调 layer from a file, this app against QGIS.

Data: benchmarks/landuse_data.py's tessellating DLTB layer (Voronoi cells with
bent, densely digitised edges, ~34 vertices a cell) at 200 000 and 1 000 000
cells, as a GeoPackage in CGCS2000 GK zone 37 (EPSG:4525), styled by DLBM in the
三调 colours. The app runs in the real QtWebEngine view (offscreen, 1600 x 1000),
each case in a fresh process:

  cold    File → Open of a file never opened (its store is built, with
          progress) to the whole county's first frame shown
  warm    File → Open again (store and wide-zoom tiles cached) to the first frame
  moves   at county, township (~10 km) and village (~2 km) extents: zoom in,
          zoom out and half-view pans, each to the next frame shown, straight
          after the previous frame and after 1 s of looking (median, worst)
  click   a real mouse click to the record in Python (the details panel's input)
  pss     the app's processes (Python, Qt, Chromium's children), summed PSS,
          after the moves; and before the layer was opened

QGIS 3.22 (Debian's python3-qgis, run by /usr/bin/python3) renders the same
file in the same run (benchmarks/qgis_reference.py); skipped when absent. The
benchmark installs nothing.

    .venv/bin/python benchmarks/landuse_large.py [--counts 200000,1000000] [--data out/landuse]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

# (name, view zoom) around the county seat: the whole county fits 1600 x 1000 at ~10.
EXTENTS = (("county", 10.0), ("township", 13.0), ("village", 15.5))
SEAT = (111.48, 33.31)


def county_view(bench):
    """The real view over the bundled layers, settled at the county extent: (view, layers)."""
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.map.view import MapView
    from xixia_map.paths import CATALOG_PATH

    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    view = MapView(layers)
    view.resize(*bench.SIZE)
    view.show()
    bench.settle(view)
    view.call_sync("setViewNoAnim", 111.40, 33.40, EXTENTS[0][1])
    bench.settle(view)
    return view, layers


def first_frame(bench, view, layers, open_layer) -> tuple:
    """(layer, seconds to open it, seconds to its first frame shown) for `open_layer()`."""
    started = time.perf_counter()
    layer = open_layer()
    opened = time.perf_counter() - started
    layers.append(layer)
    while (view.call_sync("tileCount", layer.id) or 0) <= 0:
        bench.pause(0.01)  # wait in the event loop: a busy loop would take a core from Chromium
    bench.drawn(view)
    return layer, opened, time.perf_counter() - started


def extent_moves(bench, view) -> dict:
    """Zooms and pans at each of EXTENTS, straight after a frame and after looking."""
    moves = {}
    for name, zoom in EXTENTS:
        view.call_sync("setViewNoAnim", SEAT[0], SEAT[1], zoom)
        bench.settle(view)
        moves[name] = {look: bench.move_times(view, look) for look in (0.0, bench.LOOK_S)}
    return moves


def _measure(path: str, cache: str) -> dict:
    os.environ["XIXIA_MAP_CACHE"] = cache
    import large_layer as bench  # the app's measuring helpers (QApplication, settle, moves, memory)
    import numpy as np
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest

    from xixia_map.data.user_layers import layer_from_file

    view, layers = county_view(bench)
    pss_before = bench.memory_mb("Pss", "smaps_rollup")
    rss_app_before = bench._own_rss_mb()
    import pypinyin  # noqa: F401 (the window has it loaded by then: its search index builds at start-up)
    progress_calls = []
    layer, opened, first = first_frame(bench, view, layers, lambda: layer_from_file(
        path, layers.ids(), layer="DLTB", progress=lambda d, t: progress_calls.append(d)))
    result = {"open": opened, "first": first, "progress_calls": len(progress_calls), "count": layer.feature_count,
              "pss_before": pss_before, "moves": extent_moves(bench, view)}
    clicks = []
    for lon, lat in ((111.45, 33.30), (111.52, 33.41), (111.30, 33.55)):
        view.call_sync("setViewNoAnim", lon, lat, 16)
        bench.settle(view)
        xy = view.call_sync("featurePointAt", lat, lon)
        got = {}
        loop = QEventLoop()

        def on_selected(_record, got=got, loop=loop):
            got.setdefault("at", time.perf_counter())
            loop.quit()

        view.feature_selected.connect(on_selected)
        QTimer.singleShot(5000, loop.quit)
        begin = time.perf_counter()
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(xy[0]), round(xy[1])))
        if "at" not in got:
            loop.exec()
        clicks.append(got.get("at", float("nan")) - begin)
        view.feature_selected.disconnect(on_selected)
    result["click"] = float(np.nanmedian(clicks))
    result["click_max"] = float(np.nanmax(clicks))
    result["pss"] = bench.memory_mb("Pss", "smaps_rollup")
    result["rss_app"], result["rss_app_before"] = bench._own_rss_mb(), rss_app_before
    result["blocked"] = view.blocked_requests

    view.close()
    return result


def _child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"step {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][len("RESULT "):])


def _qgis(path: Path) -> dict | None:
    python = Path("/usr/bin/python3")
    probe = subprocess.run([str(python), "-c", "import qgis.core"], capture_output=True) if python.exists() else None
    if probe is None or probe.returncode != 0:
        return None
    proc = subprocess.run([str(python), str(HERE / "qgis_reference.py"), str(path), "DLTB"], capture_output=True,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return None


def _ms(values) -> str:
    import numpy as np

    return f"{np.median(values) * 1000:.0f} (worst {max(values) * 1000:.0f})"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print("RESULT " + json.dumps(_measure(sys.argv[2], sys.argv[3])), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", default="200000,1000000")
    parser.add_argument("--data", default="out/landuse")
    args = parser.parse_args()
    from landuse_data import make_dltb

    print(f"view 1600x1000, offscreen QtWebEngine, {os.cpu_count()} CPUs; each measurement in a fresh process")
    rows = []
    for count in (int(c) for c in args.counts.split(",")):
        _gdb, gpkg = make_dltb(Path(args.data) / str(count), count)
        import pyogrio

        vertices = int(pyogrio.read_dataframe(gpkg, layer="DLTB", columns=[], max_features=20_000)
                       .geometry.count_coordinates().mean())
        cache = Path(args.data) / str(count) / "app-cache"
        shutil.rmtree(cache, ignore_errors=True)
        cold = _child("--measure", str(gpkg), str(cache))
        warm = _child("--measure", str(gpkg), str(cache))
        qgis = _qgis(gpkg)
        rows.append((count, vertices, cold, warm, qgis))
        print(f"\n## {count:,} cells, ~{vertices} vertices each ({gpkg}, {gpkg.stat().st_size / 1e6:.0f} MB)")
        q_full = qgis["full_extent_s"] if qgis else None
        print("| | this app | QGIS 3.22 | ratio (QGIS / app) |\n|---|---|---|---|")
        print(f"| first open to first frame (store built) | {cold['first']:.2f} s (open {cold['open']:.2f} s, "
              f"{cold['progress_calls']} progress steps) | " + (f"{q_full:.2f} s (full-extent render) | "
                                                              f"{q_full / cold['first']:.2f} |" if qgis else "— | — |"))
        print(f"| opened again to first frame | {warm['first']:.2f} s (open {warm['open']:.2f} s) | " + (
            f"{qgis['full_extent_again_s']:.2f} s (full extent again) | {qgis['full_extent_again_s'] / warm['first']:.1f} |"
            if qgis else "— | — |"))
        for name, _zoom in EXTENTS:
            for look in ("0.0", "1.0"):
                m = warm["moves"][name][look]
                when = "straight after" if look == "0.0" else "after 1 s looking"
                ref = {"county": "full_extent_again_s", "township": "view_10km_s", "village": "view_2km_s"}[name]
                import numpy as np

                app_s = float(np.median(m["zoom"] + m["pan"]))
                print(f"| {name}, {when}: zoom / pan ms | {_ms(m['zoom'])} / {_ms(m['pan'])} | " + (
                    f"{qgis[ref] * 1000:.0f} ms (render) | {qgis[ref] / app_s:.1f} |" if qgis else "— | — |"))
        print(f"| click to details | {warm['click'] * 1000:.0f} ms (worst {warm['click_max'] * 1000:.0f}) | — | — |")
        print(f"| PSS, whole app | {warm['pss']:.0f} MB (before the layer {warm['pss_before']:.0f} MB); "
              f"first open {cold['pss']:.0f} MB; the app's own process {warm['rss_app']:.0f} MB RSS "
              f"(before {warm['rss_app_before']:.0f}) | — | — |")
        print(f"blocked requests: {warm['blocked']}", flush=True)


if __name__ == "__main__":
    main()
