"""A generated 三调 DLTB layer: tessellating, densely digitised land-use cells.

Voronoi cells over the county's box cover every point once and share their
edges, as 图斑 do. Each edge is cut into steps of ~10-25 m and bent by a smooth
displacement field of the coordinates themselves (metres of amplitude, tens of
metres of wavelength): the same vertex of two neighbours moves the same way, so
edges stay shared, and a simplifier finds real wiggles to keep, unlike straight
segments. The step shrinks with the cell size, so cells carry ~34 vertices at
any count (200 000 cells: 6.8 M vertices; 1 000 000: 34 M).

Attributes as the 三调 table has them: BSM, DLBM and DLMC (a 二级类 code and its
name, in realistic shares), ZLDWMC (the 坐落单位, a village), QSXZ and TBMJ (the
cell's area in square metres, from the GK zone 37 geometry).
"""
from __future__ import annotations

from pathlib import Path

CLASSES = {  # 二级类 code: (name, share of cells) - forest and farmland dominate a mountain county
    "0101": ("水田", 0.05), "0103": ("旱地", 0.20), "0201": ("果园", 0.06), "0301": ("乔木林地", 0.30),
    "0305": ("灌木林地", 0.12), "0404": ("其他草地", 0.07), "0702": ("农村宅基地", 0.08),
    "1003": ("公路用地", 0.03), "1101": ("河流水面", 0.04), "1104": ("坑塘水面", 0.05),
}
TOWNS = ["回车镇", "丁河镇", "桑坪镇", "米坪镇", "双龙镇", "西坪镇", "重阳镇", "太平镇", "阳城镇", "二郎坪镇",
         "石界河镇", "军马河镇", "田关镇", "五里桥镇", "陈阳坪镇", "白羽街道", "紫金街道", "莲花街道", "丹水镇"]


def make_dltb(folder: Path, count: int = 200_000, seed: int = 11):
    """(dltb.gdb, dltb.gpkg) in `folder`, made once and kept: layer DLTB, EPSG:4525."""
    import geopandas as gpd
    import numpy as np
    import pyogrio
    import shapely

    folder.mkdir(parents=True, exist_ok=True)
    gdb, gpkg = folder / "dltb.gdb", folder / "dltb.gpkg"
    if gdb.exists() and gpkg.exists():
        return gdb, gpkg
    rng = np.random.default_rng(seed)
    west, south, east, north = 111.05, 33.05, 111.75, 33.75
    points = shapely.multipoints(np.column_stack([rng.uniform(west, east, count), rng.uniform(south, north, count)]))
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=shapely.box(west, south, east, north)))
    cells = shapely.intersection(cells, shapely.box(west, south, east, north))
    step = 0.00021 * (200_000 / count) ** 0.5  # degrees: ~34 vertices a cell at any count
    cells = shapely.segmentize(cells, step)

    def bend(xy):  # a smooth field of the coordinates: shared vertices move together
        k = 2 * np.pi / (step * 5)
        dx = 0.25 * step * np.sin(k * xy[:, 1] + 1.7 * np.sin(0.31 * k * xy[:, 0]))
        dy = 0.25 * step * np.sin(k * xy[:, 0] + 1.3 * np.cos(0.27 * k * xy[:, 1]))
        return xy + np.column_stack([dx, dy])

    cells = shapely.transform(cells, bend)
    codes = list(CLASSES)
    shares = np.array([CLASSES[c][1] for c in codes])
    dlbm = rng.choice(codes, len(cells), p=shares / shares.sum())
    villages = np.array([f"{town}{name}村" for town in TOWNS for name in ("东", "西", "南", "北", "中", "前", "后")])
    frame = gpd.GeoDataFrame({
        "BSM": [f"4113230{i:09d}" for i in range(len(cells))],
        "DLBM": dlbm, "DLMC": [CLASSES[c][0] for c in dlbm],
        "ZLDWMC": rng.choice(villages, len(cells)),
        "QSXZ": rng.choice(["10", "20", "30"], len(cells), p=[0.3, 0.65, 0.05]),
    }, geometry=cells, crs=4490).to_crs(4525)
    frame["TBMJ"] = np.round(frame.geometry.area, 2)
    pyogrio.write_dataframe(frame, gdb, layer="DLTB", driver="OpenFileGDB")
    pyogrio.write_dataframe(frame, gpkg, layer="DLTB", driver="GPKG")
    return gdb, gpkg


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    made = make_dltb(Path(sys.argv[1]), n)
    print(f"{made} in {time.perf_counter() - started:.0f} s")
