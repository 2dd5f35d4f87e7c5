"""The planner's formats at size (issue 17's figures), in the real QtWebEngine
view (offscreen, 1600x1000), each case in a fresh process:

  raster    a 20 000 x 20 000 px RGB GeoTIFF in CGCS2000 GK zone 37 (0.5 m
            pixels, 10 km square over the county seat; JPEG-compressed tiles as a
            正射影像 DOM is delivered), with and without overviews, and a
            5 000 x 5 000 one to show memory does not grow with the raster:
            first view of the whole raster (open -> frame shown), a half-view pan
            at 1:2 000-ish zoom to the frame shown, and PSS of the app's processes.
  gdb       200 000 tessellating 三调-like DLTB cells (Voronoi, segmentised to
            ~30 vertices) in a File Geodatabase and the same in a GeoPackage:
            open (read) and first styled frame.

    .venv/bin/python benchmarks/planner_formats.py [--cases raster,gdb] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1600, 1000)
HERE = Path(__file__).resolve().parent


# -- data ---------------------------------------------------------------------
def make_raster(path: Path, size: int, overviews: bool) -> Path:
    import numpy as np
    import rasterio
    from pyproj import Transformer
    from rasterio.transform import from_origin
    from rasterio.windows import Window

    if path.exists():
        return path
    x0, y0 = Transformer.from_crs(4326, 4525, always_xy=True).transform(111.43, 33.345)
    pixel = 10_000 / size  # the same 10 km square whatever the pixel count
    profile = dict(driver="GTiff", width=size, height=size, count=3, dtype="uint8", crs="EPSG:4525",
                   transform=from_origin(x0, y0, pixel, pixel), tiled=True, blockxsize=512, blockysize=512,
                   compress="JPEG", photometric="YCBCR", jpeg_quality=85, BIGTIFF="IF_SAFER")
    rng = np.random.default_rng(3)
    with rasterio.open(path, "w", **profile) as dst:
        step = 2048
        for row in range(0, size, step):
            for col in range(0, size, step):
                h, w = min(step, size - row), min(step, size - col)
                yy, xx = np.mgrid[row:row + h, col:col + w]
                # fields and roads, like an orthophoto: a patchwork with noise
                field = ((xx // 300 + yy // 220) % 5).astype(np.uint8)
                base = np.array([[96, 128, 64], [150, 160, 90], [180, 170, 120], [70, 110, 60], [200, 200, 190]],
                                dtype=np.uint8)[field]
                noise = rng.integers(0, 25, (h, w, 1), dtype=np.uint8)
                block = np.clip(base.astype(int) + noise, 0, 255).astype(np.uint8)
                dst.write(np.moveaxis(block, 2, 0), window=Window(col, row, w, h))
        if overviews:
            from rasterio.enums import Resampling

            dst.build_overviews([2, 4, 8, 16, 32, 64], Resampling.average)
    return path


def make_dltb(folder: Path, count: int = 200_000):
    """The generated 三调 layer (landuse_data.py)."""
    sys.path.insert(0, str(HERE))
    from landuse_data import make_dltb as make

    return make(folder, count)


# -- one measured case (a fresh process each) -----------------------------------
def run_case(kind: str, path: str, layer: str | None) -> dict:
    sys.path.insert(0, str(HERE))
    from large_layer import memory_mb, moved  # sets up QtWebEngine and the QApplication
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.data.user_layers import layer_from_file
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.map.view import MapView
    from xixia_map.paths import CATALOG_PATH

    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    view = MapView(layers)
    view.resize(*SIZE)
    view.show()
    wait_until_idle(view, 120)
    stable_grab(view, 120)
    from large_layer import pause

    import pypinyin  # noqa: F401 - the window's search index has it loaded (0.33 s), and layer ids use it

    pause(1.0)  # the planner choosing the file, while the app warms its raster libraries up
    before = memory_mb("Pss", "smaps_rollup")
    started = time.perf_counter()
    user = layer_from_file(path, taken=layers.ids(), layer=layer)
    read_s = time.perf_counter() - started
    layers.append(user)
    view.fit_bounds(*user.bounds())
    first = moved(view, started)
    result = {"kind": kind, "file": Path(path).name, "read_s": round(read_s, 3), "first_s": round(first[1], 3),
              "pss_before_mb": round(before), "pss_mb": round(memory_mb("Pss", "smaps_rollup"))}
    if kind == "raster":
        lon, lat = (user.bounds()[0] + user.bounds()[2]) / 2, (user.bounds()[1] + user.bounds()[3]) / 2
        view.call_sync("setViewNoAnim", lon, lat, 17)  # ~1:4 500 on screen; the DOM's own pixels
        wait_until_idle(view, 120)
        stable_grab(view, 120)
        pans = []
        for dx, dy in ((0.5, 0), (0, 0.5), (-0.5, 0), (0, -0.5), (0.5, 0), (0, 0.5)):
            state = view.call_sync("viewState")
            started = time.perf_counter()
            view.call_sync("setViewNoAnim", state["lng"] + dx * (state["east"] - state["west"]),
                           state["lat"] + dy * (state["north"] - state["south"]), state["zoom"])
            pans.append(moved(view, started)[1])
        pans.sort()
        result.update(pan_median_s=round(pans[len(pans) // 2], 3), pan_worst_s=round(pans[-1], 3),
                      pss_after_pans_mb=round(memory_mb("Pss", "smaps_rollup")))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="raster,gdb")
    parser.add_argument("--keep", help="folder for the generated files (kept between runs)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, path, layer = args.one
        print(json.dumps(run_case(kind, path, None if layer == "-" else layer), ensure_ascii=False))
        return
    folder = Path(args.keep or tempfile.mkdtemp(prefix="xixia-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    if "raster" in args.cases:
        for size, overviews in ((20_000, True), (20_000, False), (5_000, True)):
            started = time.perf_counter()
            path = make_raster(folder / f"dom_{size}_{'ovr' if overviews else 'plain'}.tif", size, overviews)
            print(f"# generated {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
            cases.append(("raster", path, "-"))
    if "gdb" in args.cases:
        started = time.perf_counter()
        gdb, gpkg = make_dltb(folder)
        print(f"# generated DLTB in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        cases += [("gdb", gdb, "DLTB"), ("gdb", gpkg, "DLTB")]
    for kind, path, layer in cases:
        proc = subprocess.run([sys.executable, __file__, "--one", kind, str(path), layer], capture_output=True,
                              text=True, timeout=1800)
        line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-800:]
        print(line, flush=True)


if __name__ == "__main__":
    main()
