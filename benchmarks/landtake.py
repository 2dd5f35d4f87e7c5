"""占地分析 against its targets, and QGIS 3.22 on the same files in the same run.

    .venv/bin/python benchmarks/landtake.py [FOLDER] [CELLS]   # CELLS: 200000 (default) or 1000000

Data (made once in FOLDER, default ~/.cache/xixia-map-bench/landtake): the
generated 三调 DLTB of benchmarks/landuse_data.py (EPSG:4525), ~20 000 永久基本农田
polygons (farmland cells of it, as 划定 results are), ~500 生态保护红线 blobs, and a
register of 2 000 project 红线 of 1-100 ha. Measured (wall time, this machine):
one 50 ha 红线 to its table (median of 9), a township-sized area of ~250 km², and
the whole register against both control lines; then QGIS's processing on the
same GeoPackages (native:intersection, native:statisticsbycategories,
native:calculatevectoroverlaps) as a QGIS user would run them, with the areas of
both side by side. Targets (issue 32): ≤ 0.5 s, ≤ 5 s, ≤ 60 s.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def make_inputs(folder: Path, cells: int):
    import geopandas as gpd
    import numpy as np
    import shapely

    from landuse_data import make_dltb

    _gdb, dltb = make_dltb(folder / f"dltb_{cells}", cells)
    farmland, redline, register = folder / "yjjbnt.gpkg", folder / "stbhhx.gpkg", folder / "register.gpkg"
    if farmland.exists() and redline.exists() and register.exists():
        return dltb, farmland, redline, register
    rng = np.random.default_rng(5)
    import pyogrio

    frame = pyogrio.read_dataframe(dltb, layer="DLTB", columns=["DLBM"])
    fields = frame[frame["DLBM"].isin(["0101", "0103"])]
    chosen = fields.iloc[rng.choice(len(fields), min(20_000, len(fields)), replace=False)]
    gpd.GeoDataFrame({"JBNTTBBH": [f"J{i:06d}" for i in range(len(chosen))]}, geometry=chosen.geometry.values,
                     crs=4525).to_file(farmland, layer="YJJBNTTB")
    west, south, east, north = frame.total_bounds
    centres = shapely.points(rng.uniform(west, east, 500), rng.uniform(south, north, 500))
    blobs = shapely.buffer(centres, rng.uniform(200, 1500, 500), quad_segs=16)
    gpd.GeoDataFrame({"HXMC": [f"红线{i}" for i in range(500)]}, geometry=blobs, crs=4525).to_file(redline, layer="STBHHX")
    sides = np.sqrt(rng.uniform(1, 100, 2000) * 10_000)
    xs, ys = rng.uniform(west + 2000, east - 2000, 2000), rng.uniform(south + 2000, north - 2000, 2000)
    sites = [shapely.affinity.rotate(shapely.box(x, y, x + s * 1.3, y + s / 1.3), rng.uniform(0, 90), origin="centroid")
             for x, y, s in zip(xs, ys, sides)]
    gpd.GeoDataFrame({"pid": [f"P{i:05d}" for i in range(2000)]}, geometry=sites, crs=4525).to_file(
        register, layer="projects")
    return dltb, farmland, redline, register


def app_figures(dltb, farmland, redline, register) -> dict:
    import geopandas as gpd
    import shapely

    from xixia_map.data.analysis.inputs import read_near
    from xixia_map.data.analysis.overlay import analyse_site

    sites = gpd.read_file(register).to_crs(4326)
    out = {}

    def one(site):
        landuse, _ = read_near(dltb, "DLTB", site)
        controls = {"farmland": read_near(farmland, None, site)[0], "eco_redline": read_near(redline, None, site)[0]}
        return analyse_site(site, landuse, controls)

    areas = shapely.area(sites.to_crs(4525).geometry.values)
    near_50 = sites.iloc[(abs(areas - 500_000)).argsort()[:9]]
    times = []
    for site in near_50.geometry:
        started = time.perf_counter()
        result = one(site)
        times.append(time.perf_counter() - started)
    out["one_50ha_s"] = statistics.median(times)
    out["one_50ha_rows"] = len(result.rows)
    centre = sites.geometry.iloc[0].centroid
    township = shapely.box(centre.x - 0.085, centre.y - 0.071, centre.x + 0.085, centre.y + 0.071)  # ~250 km²
    started = time.perf_counter()
    result = one(township)
    out["township_s"] = time.perf_counter() - started
    out["township_km2"] = result.site_square_metres / 1e6
    out["township_classes_m2"] = {row.code: round(row.square_metres, 1) for row in result.rows}
    from xixia_map.data.analysis.batch import analyse_many

    started = time.perf_counter()
    farm = read_near(farmland, None, shapely.box(*sites.total_bounds))[0]
    red = read_near(redline, None, shapely.box(*sites.total_bounds))[0]
    results = analyse_many(dict(zip(sites["pid"], sites.geometry)), dltb, "DLTB", {"farmland": farm, "eco_redline": red})
    out["register_s"] = time.perf_counter() - started
    out["register_farmland_m2"] = round(sum(r.control("farmland").square_metres for r in results.values()), 1)
    out["register_by_class_m2"] = {}
    for result in results.values():
        for row in result.rows:
            out["register_by_class_m2"][row.code] = out["register_by_class_m2"].get(row.code, 0.0) + row.square_metres
    return out


QGIS_SCRIPT = r'''
import json, sys, time, os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False); app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
import processing
from processing.core.Processing import Processing
Processing.initialize()
from qgis.analysis import QgsNativeAlgorithms
QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
dltb, farmland, register = sys.argv[1:4]
out = {"qgis": QgsApplication.applicationVersion() if hasattr(QgsApplication, "applicationVersion") else ""}
started = time.perf_counter()
pieces = processing.run("native:intersection", {"INPUT": register + "|layername=projects",
                        "OVERLAY": dltb + "|layername=DLTB", "OUTPUT": "memory:"})["OUTPUT"]
pieces = processing.run("native:fieldcalculator", {"INPUT": pieces, "FIELD_NAME": "piece_m2", "FIELD_TYPE": 0,
                        "FORMULA": "$area", "OUTPUT": "memory:"})["OUTPUT"]
stats = processing.run("qgis:statisticsbycategories", {"INPUT": pieces, "VALUES_FIELD_NAME": "piece_m2",
                       "CATEGORIES_FIELD_NAME": ["DLBM"], "OUTPUT": "memory:"})["OUTPUT"]
out["register_by_class_s"] = time.perf_counter() - started
out["register_by_class_m2"] = {f["DLBM"]: f["sum"] for f in stats.getFeatures()}
started = time.perf_counter()
overlaps = processing.run("native:calculatevectoroverlaps", {"INPUT": register + "|layername=projects",
                          "LAYERS": [farmland], "OUTPUT": "memory:"})["OUTPUT"]
out["register_overlaps_s"] = time.perf_counter() - started
area_field = [f.name() for f in overlaps.fields() if f.name().endswith("_area")][0]
out["register_farmland_m2"] = sum(f[area_field] for f in overlaps.getFeatures())
print(json.dumps(out))
'''


def qgis_figures(dltb, farmland, register) -> dict:
    if subprocess.run(["/usr/bin/python3", "-c", "import qgis.core"], capture_output=True).returncode != 0:
        return {"skipped": "QGIS (python3-qgis) is not installed"}
    proc = subprocess.run(["/usr/bin/python3", "-c", QGIS_SCRIPT, str(dltb), str(farmland), str(register)],
                          capture_output=True, text=True, timeout=3600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("{")), None)
    return json.loads(line) if line else {"error": proc.stderr[-800:]}


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".cache" / "xixia-map-bench" / "landtake"
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    dltb, farmland, redline, register = make_inputs(folder, cells)
    print(f"inputs ready in {time.perf_counter() - started:.0f} s ({cells:,} cells)", file=sys.stderr)
    app = app_figures(dltb, farmland, redline, register)
    print(json.dumps({"app": app}, ensure_ascii=False))
    reference = qgis_figures(dltb, farmland, register)
    print(json.dumps({"qgis": reference}, ensure_ascii=False))
    if "register_farmland_m2" in reference:
        print(f"register against 永久基本农田: app {app['register_farmland_m2']:,.0f} m² (ellipsoidal), "
              f"QGIS {reference['register_farmland_m2']:,.0f} m² (QGIS's ellipsoidal $area, the project's ellipsoid); "
              f"time app {app['register_s']:.1f} s, QGIS {reference['register_overlaps_s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
