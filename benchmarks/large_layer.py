"""Large layers: the tile path against folium's inline-GeoJSON page, same data, same run.

Generates 10k, 50k and 200k five-vertex polygons and 500k points over Xixia
(GeoPackage), then measures in the real QtWebEngine view (offscreen, 1600x1000):
  read       file read time (layer_from_file)
  first      layer handed to the view (data in memory) -> first frame shown: the
             map's idle signal (every tile loaded), then a grab of the widget
             showing a marker the page painted after it
  zoom, pan  median (and worst) of 4 zooms and 4 half-view pans, each to the
             next frame shown: straight after the previous frame, and again
             after 1 s of looking (when preloaded tiles are ready)
  click      identify latency: a real mouse click -> record in Python
  rss, pss   the app's process + its QtWebEngine children (summed RSS, and PSS),
             and the RSS of the app's own process; each case runs in a fresh
             process, so the memory is the app's alone
  pixels     (not timed) samples of the settled frame in the layer's colours
and the naive path: folium.GeoJson inline in one page (SVG, and canvas), timed
from building the page (data in memory) to its first settled frame (a grab
showing the frame; its polling adds at most ~80 ms, nothing at that scale).

    .venv/bin/python benchmarks/large_layer.py [--cases 200k,500k-points] [--naive-limit 240]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XIXIA_MAP_TEST_PROBES", "1")  # window.xixia's test-only members (static/test_probes.js)

from xixia_map.map.runtime import prepare_web_engine  # noqa: E402

prepare_web_engine()

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

app = QApplication([])

from xixia_map.data.catalog import load_catalog  # noqa: E402
from xixia_map.data.layers import LayerList  # noqa: E402
from xixia_map.data.user_layers import layer_from_file  # noqa: E402
from xixia_map.map.capture import stable_grab, wait_until_idle, wait_until_shown  # noqa: E402
from xixia_map.map.view import MapView  # noqa: E402
from xixia_map.paths import CATALOG_PATH  # noqa: E402

SIZE = (1600, 1000)
LOOK_S = 1.0
CLASSES = {"01": "#e6550d", "02": "#fdae6b", "03": "#31a354", "07": "#9e9ac8", "11": "#3182bd"}


def generate(count: int, points: bool, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x = rng.uniform(111.0, 111.8, count)
    y = rng.uniform(33.1, 33.8, count)
    if points:
        geoms = shapely.points(x, y)
    else:  # 5-vertex polygons (closed boxes), 100-200 m across like land-use parcels
        w, h = rng.uniform(0.001, 0.002, count), rng.uniform(0.001, 0.002, count)
        geoms = shapely.box(x, y, x + w, y + h)
    codes = rng.choice(list(CLASSES), count)
    return gpd.GeoDataFrame({"DLBM": codes, "DLMC": [f"类{c}" for c in codes]}, geometry=geoms, crs=4326)


def _family() -> set[int]:
    """This process and all its descendants (the QtWebEngineProcess family)."""
    me = os.getpid()
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(pid)] = int(fields[1])
            except (OSError, IndexError):
                pass
    family, frontier = {me}, [me]
    while frontier:
        kids = [p for p, pp in parents.items() if pp in frontier and p not in family]
        family.update(kids)
        frontier = kids
    return family


def memory_mb(field: str, source: str) -> float:
    """Sum of one /proc field over the family. VmRSS counts the shared Qt and
    Chromium libraries once per process; Pss (smaps_rollup) shares them out,
    so its sum is what the app really costs."""
    total = 0
    for pid in _family():
        try:
            for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _own_rss_mb() -> float:
    """VmRSS of the app's own process (Python, Qt and Chromium's browser side)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle(view) -> None:
    wait_until_idle(view, 120)
    stable_grab(view, 120)


def pause(seconds: float) -> None:
    """Let the event loop run, as while a planner looks at the map."""
    if seconds > 0:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()


def drawn(view) -> None:
    """Until the view shows the new frame (see moved)."""
    wait_until_shown(view, 120)


def moved(view, started: float) -> tuple[float, float]:
    """Seconds from `started` to the map's idle signal (every tile loaded, two
    animation frames after), and to a grab of the widget showing a fence pixel
    the page painted after it (capture.wait_until_shown). The idle signal alone
    can come before Chromium has rasterised the tiles: with <img> tiles it read
    ~20 ms where the frame took ~70 ms to appear. So "shown" is the figure; one
    grab of the 1600x1000 view costs ~4 ms, which bounds its polling error."""
    wait_until_idle(view, 120)
    idle = time.perf_counter() - started
    wait_until_shown(view, 120)
    return idle, time.perf_counter() - started


def move_times(view, look: float) -> dict:
    """Zooms in and out and pans by half a view, each to the next frame shown
    (and to the idle signal), after `look` seconds of the planner looking."""
    out = {"zoom": [], "pan": [], "zoom_idle": [], "pan_idle": []}
    for step in (1, 1, -1, 1):
        pause(look)
        state = view.call_sync("viewState")
        started = time.perf_counter()
        view.call_sync("setViewNoAnim", state["lng"], state["lat"], state["zoom"] + step)
        idle, shown = moved(view, started)
        out["zoom"].append(shown)
        out["zoom_idle"].append(idle)
    for dx, dy in ((0.5, 0), (0, 0.5), (-0.5, 0), (0, -0.5)):
        pause(look)
        state = view.call_sync("viewState")
        started = time.perf_counter()
        view.call_sync("setViewNoAnim", state["lng"] + dx * (state["east"] - state["west"]),
                       state["lat"] + dy * (state["north"] - state["south"]), state["zoom"])
        idle, shown = moved(view, started)
        out["pan"].append(shown)
        out["pan_idle"].append(idle)
    return out


def styled(layer):
    import dataclasses

    rule = {"field": "DLBM", "values": {k: {"color": v, "label_zh": k, "label_en": k} for k, v in CLASSES.items()}}
    layer.spec = dataclasses.replace(layer.spec, style={**layer.spec.style, "color_by": rule})
    return layer


def ours(path: Path, count: int) -> dict:
    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    view = MapView(layers)
    view.resize(*SIZE)
    view.show()
    settle(view)
    # The same moves over the bundled layers alone: what any move costs here
    # (SVG layers, compositing, the measurement), before the large layer.
    start = view.call_sync("viewState")
    base = move_times(view, LOOK_S)
    view.call_sync("setViewNoAnim", start["lng"], start["lat"], start["zoom"])
    settle(view)
    pss_before = memory_mb("Pss", "smaps_rollup")  # the app with the bundled data only
    started = time.perf_counter()
    layer = styled(layer_from_file(path, layers.ids()))
    read = time.perf_counter() - started
    started = time.perf_counter()
    layers.append(layer)
    while view.call_sync("featureCount", layer.id) != count:
        app.processEvents()
    drawn(view)
    first = time.perf_counter() - started
    image = stable_grab(view, 120)  # not timed: proves the frame shows the layer
    coloured = sum(image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 140
                   for x in range(0, image.width(), 8) for y in range(0, image.height(), 8))
    # Once straight after the previous frame, once after the planner has
    # looked at the map for LOOK_S (when the tiles ahead have been preloaded).
    moves = {look: move_times(view, look) for look in (0.0, LOOK_S)}
    clicks = []
    for i in (11, 222, 3333):
        target = layer.frame.geometry.iloc[i % count]
        point = target if target.geom_type == "Point" else target.representative_point()
        view.call_sync("setViewNoAnim", point.x, point.y, 17)
        settle(view)
        xy = view.call_sync("featurePointAt", point.y, point.x)
        got = {}
        loop = QEventLoop()

        def on_selected(_record, got=got, loop=loop):  # records the time, returns nothing
            got.setdefault("at", time.perf_counter())
            loop.quit()

        view.feature_selected.connect(on_selected)
        QTimer.singleShot(5000, loop.quit)
        started = time.perf_counter()
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(xy[0]), round(xy[1])))
        if "at" not in got:
            loop.exec()
        clicks.append(got.get("at", float("nan")) - started)
        view.feature_selected.disconnect(on_selected)
    result = {"read": read, "first": first, "moves": moves, "base": base, "click": float(np.nanmedian(clicks)),
              "click_max": float(np.nanmax(clicks)), "rss": memory_mb("VmRSS", "status"),
              "rss_app": _own_rss_mb(),
              "pss": memory_mb("Pss", "smaps_rollup"), "pss_before": pss_before, "blocked": view.blocked_requests,
              "coloured": coloured}
    view.close()
    view.deleteLater()
    app.processEvents()
    return result


def naive(frame: gpd.GeoDataFrame, canvas: bool, limit_s: float) -> tuple[float, float]:
    """folium's default: every feature inline in the page (our offline assets, same view size)."""
    import folium

    from xixia_map.map.assets import ORIGIN
    from xixia_map.map.folium_page import OfflineMap

    layers = LayerList([])
    view = MapView(layers)
    view.resize(*SIZE)
    view.show()
    settle(view)
    started = time.perf_counter()
    fmap = OfflineMap(location=[33.45, 111.4], zoom_start=10, tiles=None, prefer_canvas=canvas,
                      fade_animation=False, zoom_animation=False)
    folium.GeoJson(frame, style_function=lambda f: {"color": CLASSES[f["properties"]["DLBM"]], "weight": 1}).add_to(fmap)
    view.handler.set_page("naive.html", fmap.get_root().render())
    built = time.perf_counter() - started
    loop = QEventLoop()  # wait without spinning: a busy loop would take a core from Chromium
    view.loadFinished.connect(loop.quit)
    QTimer.singleShot(int(limit_s * 1000), loop.quit)
    view.load(QUrl(f"{ORIGIN}/page/naive.html"))
    loop.exec()
    try:
        stable_grab(view, max(1.0, limit_s - (time.perf_counter() - started)))
        elapsed = time.perf_counter() - started
    except TimeoutError:
        elapsed = float("inf")  # not drawn within the limit
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed, built


def _naive_text(label: str, seconds: float, built: float, ours_s: float, limit_s: float) -> str:
    if seconds == float("inf"):
        return f"{label} not drawn within {limit_s:.0f} s (>{limit_s / ours_s:.0f}x slower; page built in {built:.2f} s)"
    return f"{label} {seconds:.2f} s ({seconds / ours_s:.1f}x slower; page built in {built:.2f} s)"


CASES = {"10k": ("10k polygons", 10_000, False), "50k": ("50k polygons", 50_000, False),
         "200k": ("200k polygons", 200_000, False), "500k-points": ("500k points", 500_000, True)}


def _child(*args: str) -> dict:
    """Run one step in a fresh process and return the JSON it prints last.

    Each measurement gets a process of its own: generating 200k features, or a
    previous case, leaves freed memory the allocator keeps, which would be
    counted against the app."""
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"step {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1][len("RESULT "):])


def _step(argv: list[str]) -> None:
    mode, key, path = argv[0], argv[1], Path(argv[2])
    _name, count, points = CASES[key]
    if mode == "--generate":
        generate(count, points).to_file(path, driver="GPKG")
        result = {}
    elif mode == "--measure":
        result = ours(path, count)
    else:  # --naive-svg / --naive-canvas
        frame = gpd.read_file(path)  # data in memory before the naive clock starts
        seconds, built = naive(frame, mode == "--naive-canvas", float(argv[3]))
        result = {"seconds": seconds, "built": built}
    print("RESULT " + json.dumps(result), flush=True)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] in ("--generate", "--measure", "--naive-svg", "--naive-canvas"):
        return _step(sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="10k,50k,200k,500k-points",
                        help="comma-separated subset of 10k,50k,200k,500k-points")
    parser.add_argument("--naive-limit", type=float, default=240,
                        help="seconds the naive page may take to draw before it is reported as a bound")
    parser.add_argument("--skip-naive", action="store_true", help="measure only the tile path")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xixia-large-"))
    print(f"view {SIZE[0]}x{SIZE[1]}, offscreen QtWebEngine, {os.cpu_count()} CPUs; data in {work}; "
          "each measurement in a fresh process")
    for key in args.cases.split(","):
        name, count, points = CASES[key]
        path = work / f"{name.replace(' ', '_')}.gpkg"
        _child("--generate", key, str(path))
        r = _child("--measure", key, str(path))
        def ms(values):
            return f"{np.median(values) * 1000:.0f} ms (worst {max(values) * 1000:.0f})"

        def summary(m):
            return (f"zoom {ms(m['zoom'])}, pan {ms(m['pan'])}; to idle: zoom {ms(m['zoom_idle'])}, "
                    f"pan {ms(m['pan_idle'])}")

        moves = " | ".join(
            f"{'straight after a frame' if float(look) == 0 else f'after {float(look):.0f} s looking'}: {summary(m)}"
            for look, m in r["moves"].items())
        moves += f" | bundled layers alone, after looking: {summary(r['base'])}"
        print(f"{name:>14}: read {r['read']:.2f} s | first frame {r['first']:.2f} s | {moves}"
              f" | click {r['click'] * 1000:.0f} ms (worst {r['click_max'] * 1000:.0f})"
              f" | RSS {r['rss']:.0f} MB (this process {r['rss_app']:.0f}), PSS {r['pss']:.0f} MB"
              f" (app before the layer: {r['pss_before']:.0f} MB)"
              f" | blocked {r['blocked']}"
              f" | layer pixels {r['coloured']}", flush=True)
        if not points and not args.skip_naive:
            for label, mode in (("naive SVG", "--naive-svg"), ("naive canvas", "--naive-canvas")):
                n = _child(mode, key, str(path), str(args.naive_limit))
                print(f"{'':>16}{_naive_text(label, n['seconds'], n['built'], r['first'], args.naive_limit)}",
                      flush=True)


if __name__ == "__main__":
    main()
