"""占地分析 against its targets, and QGIS 3.22 on the same files in the same run.

    .venv/bin/python benchmarks/landtake.py [FOLDER] [CELLS]   # CELLS: 200000 (default) or 1000000

Data (made once in FOLDER, default ~/.cache/xixia-map-bench/landtake): the
generated 三调 DLTB of benchmarks/landuse_data.py (EPSG:4525), ~20 000 永久基本农田
polygons (farmland cells of it, as 划定 results are), ~500 生态保护红线 blobs, and a
register of 2 000 project 红线 of 1-100 ha. Measured (wall time, this machine):
one 50 ha 红线 to its table (median of 9), a township-sized area of ~250 km², and
the whole register against both control lines; then QGIS's processing on the
same GeoPackages (native:intersection, qgis:statisticsbycategories,
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


def app_figures(dltb, farmland, redline, register, folder: Path) -> dict:
    import geopandas as gpd
    import shapely

    from xixia_map.data.analysis.batch import analyse_many
    from xixia_map.data.analysis.overlay import analyse_site
    from xixia_map.data.analysis.sources import FileInput

    sites = gpd.read_file(register).to_crs(4326)
    out = {}
    # the layers as the dock holds them: opened once (their CRS read once), read per area through their index
    landuse = FileInput(dltb, "DLTB")
    controls = {"farmland": FileInput(farmland), "eco_redline": FileInput(redline)}

    areas = shapely.area(sites.to_crs(4525).geometry.values)
    near_50 = sites.iloc[(abs(areas - 500_000)).argsort()[:9]]
    times = []
    for site in near_50.geometry:
        started = time.perf_counter()
        result = analyse_site(site, landuse, controls)
        times.append(time.perf_counter() - started)
    out["one_50ha_s"] = statistics.median(times)
    out["one_50ha_rows"] = len(result.rows)
    one = near_50.geometry.iloc[0]
    gpd.GeoDataFrame({"pid": ["one"]}, geometry=[one], crs=4326).to_crs(4525).to_file(folder / "one.gpkg",
                                                                                      layer="projects")
    out["one_50ha_m2"] = {r.code: round(r.square_metres, 1) for r in analyse_site(one, landuse, controls).rows}
    centre = sites.geometry.iloc[0].centroid
    township = shapely.box(centre.x - 0.085, centre.y - 0.071, centre.x + 0.085, centre.y + 0.071)  # ~250 km²
    gpd.GeoDataFrame({"pid": ["town"]}, geometry=[township], crs=4326).to_crs(4525).to_file(
        folder / "township.gpkg", layer="projects")
    started = time.perf_counter()
    result = analyse_site(township, landuse, {})
    out["township_s"] = time.perf_counter() - started
    out["township_km2"] = result.site_square_metres / 1e6
    out["township_m2"] = {row.code: round(row.square_metres, 1) for row in result.rows}
    started = time.perf_counter()
    results = analyse_many(dict(zip(sites["pid"], sites.geometry)), landuse, controls=controls)
    out["register_s"] = time.perf_counter() - started
    out["register_farmland_m2"] = round(sum(r.control("farmland").square_metres for r in results.values()), 1)
    out["register_eco_m2"] = round(sum(r.control("eco_redline").square_metres for r in results.values()), 1)
    out["register_by_class_m2"] = {}
    for result in results.values():
        for row in result.rows:
            out["register_by_class_m2"][row.code] = out["register_by_class_m2"].get(row.code, 0.0) + row.square_metres
    return out


QGIS_SCRIPT = r'''
import json, sys, time, os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsCoordinateReferenceSystem
app = QgsApplication([], False); app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
import processing
from processing.core.Processing import Processing
Processing.initialize()
from qgis.analysis import QgsNativeAlgorithms
QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
dltb, farmland, redline, register, one, township = sys.argv[1:7]
context = QgsProcessingContext()
context.setEllipsoid("EPSG:7019")  # GRS80, CGCS2000's ellipsoid: $area and the overlaps are then ellipsoidal
feedback = QgsProcessingFeedback()
out = {"qgis": __import__("qgis.core").core.Qgis.QGIS_VERSION}

def by_class(sites):
    pieces = processing.run("native:intersection", {"INPUT": sites + "|layername=projects",
                            "OVERLAY": dltb + "|layername=DLTB", "OUTPUT": "memory:"}, context=context,
                            feedback=feedback)["OUTPUT"]
    pieces = processing.run("native:fieldcalculator", {"INPUT": pieces, "FIELD_NAME": "piece_m2", "FIELD_TYPE": 0,
                            "FIELD_PRECISION": 6, "FORMULA": "$area", "OUTPUT": "memory:"}, context=context,
                            feedback=feedback)["OUTPUT"]
    stats = processing.run("qgis:statisticsbycategories", {"INPUT": pieces, "VALUES_FIELD_NAME": "piece_m2",
                           "CATEGORIES_FIELD_NAME": ["DLBM"], "OUTPUT": "memory:"}, context=context,
                           feedback=feedback)["OUTPUT"]
    return {f["DLBM"]: f["sum"] for f in stats.getFeatures()}

for name, sites in (("one_50ha", one), ("township", township), ("register_by_class", register)):
    started = time.perf_counter()
    out[name + "_m2"] = by_class(sites)
    out[name + "_s"] = time.perf_counter() - started
started = time.perf_counter()
overlaps = processing.run("native:calculatevectoroverlaps", {"INPUT": register + "|layername=projects",
                          "LAYERS": [farmland, redline], "OUTPUT": "memory:"}, context=context,
                          feedback=feedback)["OUTPUT"]
out["register_overlaps_s"] = time.perf_counter() - started
fields = [f.name() for f in overlaps.fields() if f.name().endswith("_area")]
out["register_farmland_m2"] = sum(f[fields[0]] for f in overlaps.getFeatures())
out["register_eco_m2"] = sum(f[fields[1]] for f in overlaps.getFeatures())
print(json.dumps(out))
'''


def qgis_figures(dltb, farmland, redline, register, folder: Path) -> dict:
    if subprocess.run(["/usr/bin/python3", "-c", "import qgis.core"], capture_output=True).returncode != 0:
        return {"skipped": "QGIS (python3-qgis) is not installed"}
    proc = subprocess.run(["/usr/bin/python3", "-c", QGIS_SCRIPT, str(dltb), str(farmland), str(redline),
                           str(register), str(folder / "one.gpkg"), str(folder / "township.gpkg")],
                          capture_output=True, text=True, timeout=3600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("{")), None)
    return json.loads(line) if line else {"error": proc.stderr[-800:]}


def table(app: dict, qgis: dict) -> str:
    """The figures as a Markdown table: times, their ratio, and the areas side by side."""
    lines = ["| measure | Xixia Map | QGIS 3.22 | QGIS ÷ app | areas (app / QGIS) |", "|---|---|---|---|---|"]
    for label, key, area in (("one 50 ha 红线 → 地类 table", "one_50ha", "one_50ha_m2"),
                             ("a township (~250 km²) → 地类 table", "township", "township_m2"),
                             ("2 000 红线 → 地类 tables", "register", "register_by_class_m2")):
        ours = app[f"{key}_s"]
        theirs = qgis.get(f"{key}_s" if key != "register" else "register_by_class_s")
        total = sum(app[area].values())
        other = sum((qgis.get(area if key != "register" else "register_by_class_m2") or {}).values())
        lines.append(f"| {label} | {ours:.2f} s | {theirs:.2f} s | {theirs / ours:.2f} | "
                     f"{total:,.1f} / {other:,.1f} m² |" if theirs else f"| {label} | {ours:.2f} s | – | – | – |")
    if "register_overlaps_s" in qgis:
        lines.append(f"| 2 000 红线 → 永久基本农田, 生态保护红线 (app: with the 地类, one run) | {app['register_s']:.2f} s | "
                     f"{qgis['register_overlaps_s']:.2f} s (calculatevectoroverlaps) | – | 永农 "
                     f"{app['register_farmland_m2']:,.1f} / {qgis['register_farmland_m2']:,.1f} m², 生态 "
                     f"{app['register_eco_m2']:,.1f} / {qgis['register_eco_m2']:,.1f} m² |")
    return "\n".join(lines)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".cache" / "xixia-map-bench" / "landtake"
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    dltb, farmland, redline, register = make_inputs(folder, cells)
    print(f"inputs ready in {time.perf_counter() - started:.0f} s ({cells:,} cells)", file=sys.stderr)
    app = app_figures(dltb, farmland, redline, register, folder)
    print(json.dumps({"app": app}, ensure_ascii=False))
    reference = qgis_figures(dltb, farmland, redline, register, folder)
    print(json.dumps({"qgis": reference}, ensure_ascii=False))
    if "register_overlaps_s" in reference:
        print(table(app, reference))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
