"""Which rasteriser draws a 三调 tile fastest (issue 21), and where a tile's time goes.

On the generated tessellating DLTB layer (benchmarks/planner_formats.py
make_dltb: Voronoi cells, segmentised to ~30 vertices each, as densely
digitised land use is), the same 512 px tiles at county, township and village
extents are drawn by:

  pillow   the app's path (map/layer_tiles.py): numpy gathers every vertex of
           the tile's features into one float32 buffer, Pillow's C polygon
           fill is called once per ring;
  gdal     rasterio.features.rasterize (GDAL's rasteriser) on the same
           features, moved to pixel space with shapely.transform first;

and the app's path is split into its stages (index query, vertex gathering,
drawing, PNG encoding), as the trace the issue asks for.

    .venv/bin/python benchmarks/rasterisers.py [--count 200000] [--data DIR] [--repeat 3]

Numbers are medians over --repeat runs, in ms per tile; nothing here is a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

# (name, lon, lat, Leaflet tile zoom): a 512 px tile at these zooms spans about
# 45 km (the county), 11 km (a township) and 1.4 km (a village).
EXTENTS = (("county", 111.40, 33.40, 9), ("township", 111.48, 33.31, 11), ("village", 111.48, 33.31, 14))


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--data", default="out/bench-dltb")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import mercantile
    import numpy as np
    import pyogrio
    import rasterio.features
    import shapely
    from rasterio.transform import from_bounds

    from planner_formats import make_dltb
    from xixia_map.data.catalog import LayerSpec
    from xixia_map.data.layers import VectorLayer
    from xixia_map.data.sandiao import sandiao_style
    from xixia_map.map.layer_tiles import TILE_PX, LayerTiles, _padded_bounds, to_mercator
    from xixia_map.map.png_encode import encode_indexed_png

    folder = Path(args.data) / str(args.count)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    _gdb, gpkg = make_dltb(folder, args.count)
    print(f"data: {gpkg} ({time.perf_counter() - start:.1f} s to make or find)")
    start = time.perf_counter()
    frame = pyogrio.read_dataframe(gpkg, columns=["BSM", "DLBM"]).to_crs(4326)
    frame["id"] = frame["BSM"]
    read_s = time.perf_counter() - start
    vertices = int(shapely.get_num_coordinates(frame.geometry.values).sum())
    print(f"{len(frame)} cells, {vertices / len(frame):.1f} vertices each ({vertices:,} in all); read {read_s:.1f} s")
    style = sandiao_style(frame)  # the 三调 colours, as the app styles a DLTB layer
    spec = LayerSpec(id="dltb", title_zh="地类图斑", title_en="DLTB", path=gpkg, geometry="Polygon",
                     category="user", style=style, label_field="BSM", detail_fields=())
    start = time.perf_counter()
    tiles = LayerTiles(VectorLayer(spec=spec, frame=frame))
    print(f"tile index (app path) {time.perf_counter() - start:.1f} s")
    geoms = frame.geometry.values
    merc = shapely.transform(geoms, lambda xy: np.column_stack(to_mercator(xy[:, 0], xy[:, 1])))

    print()
    print("| extent | cells in tile | pillow (app) | gdal rasterize | app stages: query / gather+draw / encode |")
    print("|---|---|---|---|---|")
    for name, lon, lat, z in EXTENTS:
        tile = mercantile.tile(lon, lat, z)
        x, y = tile.x, tile.y
        hits = np.sort(tiles.tree.query(shapely.box(*_padded_bounds(z, x, y))))
        bounds_m = mercantile.xy_bounds(x, y, z)
        transform = from_bounds(bounds_m.left, bounds_m.bottom, bounds_m.right, bounds_m.top, TILE_PX, TILE_PX)
        inks = tiles.fill_ink[hits]

        def pillow():
            tiles.cache.clear()
            tiles._draw(z, x, y)

        def gdal():
            pixels = rasterio.features.rasterize(zip(merc[hits], inks.tolist()), out_shape=(TILE_PX, TILE_PX),
                                                 transform=transform, dtype="uint8")
            encode_indexed_png(pixels, tiles.index_table)


        query_ms = median_ms(lambda: tiles.tree.query(shapely.box(*_padded_bounds(z, x, y))), args.repeat)
        image = np.zeros((TILE_PX, TILE_PX), dtype=np.uint8)
        encode_ms = median_ms(lambda: encode_indexed_png(image, tiles.index_table), args.repeat)
        app_ms = median_ms(pillow, args.repeat)
        gdal_ms = median_ms(gdal, args.repeat)
        print(f"| {name} (z{z} tile) | {len(hits):,} | {app_ms:.0f} ms | {gdal_ms:.0f} ms "
              f"| {query_ms:.1f} / {app_ms - query_ms - encode_ms:.0f} / {encode_ms:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
