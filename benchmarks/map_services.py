"""Issue 23's figures: a 1600 x 1000 view filled from a loopback WMTS, cold and warm,
and the download rate of an offline package.

The servers are tests/tile_services.py's, in a process of their own (MapProxy in
front of a small XYZ server whose tiles are a colour field of lon/lat): WMTS on
Web Mercator and on CGCS2000 lon/lat (reprojected here). The view is the real
QtWebEngine map (offscreen) with the bundled layers, at town scale (zoom 14)
over the county seat; "cold" is the first fill after the service is chosen,
"warm" the same view again after moving away (the service tiles' cache).

    .venv/bin/python benchmarks/map_services.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests" / "helpers")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    servers = subprocess.Popen([sys.executable, str(HERE.parent / "tests" / "helpers" / "tile_services.py")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    bases = json.loads(servers.stdout.readline())
    try:
        run(bases)
    finally:
        servers.stdin.close()
        servers.wait(timeout=10)


def run(bases: dict) -> None:
    import large_layer as bench  # QApplication and the measuring helpers

    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.data.services import capabilities as caps
    from xixia_map.map.basemaps import Basemaps
    from xixia_map.map.offline_package import PackagePlan, download, estimate
    from xixia_map.map.view import MapView
    from xixia_map.paths import CATALOG_PATH

    url = f"{bases['mapproxy']}/service?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0"
    from xixia_map.data.services.allowance import origin_of

    layers_found, parsed = caps.wmts_layers(url, caps.fetch(url, {origin_of(url)}))
    basemaps = Basemaps()
    for layer in layers_found:
        basemaps.add_service(caps.wmts_service(layer.identifier, layer.title, url, parsed, layer),
                             name=layer.identifier, origins={origin_of(url)})
    view = MapView(LayerList.from_catalog(load_catalog(CATALOG_PATH)), basemaps=basemaps)
    view.resize(*bench.SIZE)
    view.show()
    bench.settle(view)
    print(f"view {bench.SIZE[0]}x{bench.SIZE[1]}, offscreen QtWebEngine, {os.cpu_count()} CPUs; servers on loopback "
          "in another process\n")
    print("| WMTS | grid | cold fill | warm fill (cached) | tiles asked of the server |\n|---|---|---|---|---|")
    for name, grid in (("field", "Web Mercator"), ("field_c", "CGCS2000 lon/lat, reprojected here")):
        view.call_sync("setViewNoAnim", 111.48, 33.31, 14)
        bench.settle(view)
        started = time.perf_counter()
        view.set_basemap(name)
        bench.settle(view)
        cold = time.perf_counter() - started
        view.call_sync("setViewNoAnim", 111.30, 33.50, 14)
        bench.settle(view)
        view.call_sync("setViewNoAnim", 111.48, 33.31, 14)
        started = time.perf_counter()
        view.set_basemap("none")
        bench.settle(view)
        started = time.perf_counter()
        view.set_basemap(name)
        bench.settle(view)
        warm = time.perf_counter() - started
        source = basemaps.services.get(name)
        print(f"| {name} | {grid} | {cold:.2f} s | {warm:.2f} s | {len(source.cache)} tiles cached |", flush=True)
    view.close()
    # Where the CGCS2000 cold fill goes: the same 3857 tiles again, every source
    # tile answered from memory, so only our reprojection and PNG encoding count.
    from xixia_map.map.service_tiles import ServiceTiles

    geographic = basemaps.services.get("field_c")
    keys = geographic.cache.keys()
    memo: dict = {}
    real_get = basemaps.fetcher.get
    basemaps.fetcher.get = lambda u: memo[u] if u in memo else memo.setdefault(u, real_get(u))
    again = ServiceTiles(basemaps.service_definitions("field_c")[0], basemaps.fetcher)
    started = time.perf_counter()
    for z, x, y in keys:
        again.tile(z, x, y)
    server_s = time.perf_counter() - started
    again = ServiceTiles(basemaps.service_definitions("field_c")[0], basemaps.fetcher)
    started = time.perf_counter()
    for z, x, y in keys:
        again.tile(z, x, y)
    ours_s = time.perf_counter() - started
    basemaps.fetcher.get = real_get
    print(f"\nCGCS2000: {len(keys)} tiles, {len(memo)} source tiles asked: {server_s:.2f} s one by one with the "
          f"server's answers, {ours_s * 1000 / max(1, len(keys)):.1f} ms a tile for the reprojection and PNG "
          "encoding alone (source tiles from memory)")
    source = basemaps.services.get("field")
    service = basemaps.service_definitions("field")[0]
    county = PackagePlan((110.96, 32.96, 111.86, 33.84), 8, 16)
    count, megabytes = estimate(source, county)
    sample = PackagePlan((110.96, 32.96, 111.86, 33.84), 8, 12)
    out = Path("out/offline-sample.mbtiles")
    out.unlink(missing_ok=True)
    result = download(source, service, sample, out, rate_per_s=0, confirmed=True)
    rate = result.written / result.seconds if result.seconds else float("nan")
    print(f"\noffline package of the county, zooms 8-16: {count:,} tiles, ~{megabytes:,.0f} MB "
          f"(mean size of sampled z16 tiles); at the default limit of 8 tiles/s: {count / 8 / 60:,.0f} minutes")
    print(f"measured on loopback without a limit (zooms 8-12, {result.written} tiles): {rate:,.0f} tiles/s, "
          f"so the limit, not the machine, sets the time; failed {result.failed}")


if __name__ == "__main__":
    main()
