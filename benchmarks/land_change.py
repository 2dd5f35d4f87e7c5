"""地类变化 (转移矩阵 and 变化图斑) of two generated DLTB layers, and QGIS 3.22 on
the same files in the same run.

    .venv/bin/python benchmarks/land_change.py [FOLDER] [CELLS]   # CELLS: 1000000 (default) or 200000

Data (made once in FOLDER, default ~/.cache/xixia-map-bench/land_change): the
generated 三调 DLTB of benchmarks/landuse_data.py as the before year, and an
after year that differs in ~5 % of its cells: 3 % change class, 0.5 % are
split in two (the east part of a new class), 0.5 % are merged with a
neighbour (taking its class), and 1 % have the boundary with a neighbour moved
into it (half by 0.2 m, under the 0.5 m tolerance: not a change; half by 5 m).

Measured: wall time of the matrix and the change layer (compare_land_use on the
two GeoPackages read per tile through their index, then the 变化图斑 frame),
peak RSS (getrusage) and peak PSS (/proc/self/smaps_rollup, sampled every
0.1 s); then QGIS 3.22's processing on the same files, as a QGIS user would do
it: native:intersection (keeping each side's DLBM), $area on the GRS80
ellipsoid, qgis:statisticsbycategories by the two DLBM fields. Target (issue
33): ≤ 60 s, PSS ≤ 1.5 GB.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TOLERANCE = 0.5


def make_after(before: Path, out: Path, seed: int = 7) -> dict:
    """The after year, written once; what was changed, by kind."""
    import geopandas as gpd
    import numpy as np
    import pyogrio
    import shapely

    from landuse_data import CLASSES

    counts_file = out.with_suffix(".json")
    if out.exists() and counts_file.exists():
        return json.loads(counts_file.read_text())
    rng = np.random.default_rng(seed)
    frame = pyogrio.read_dataframe(before, layer="DLTB", use_arrow=True)
    n = len(frame)
    geometry = frame.geometry.values.copy()
    codes = frame["DLBM"].to_numpy(dtype=object).copy()
    keep = np.ones(n, dtype=bool)
    used = np.zeros(n, dtype=bool)
    order = rng.permutation(n)
    classes = list(CLASSES)

    def other_class(code):
        return rng.choice([c for c in classes if c != code])

    # class changes: same outline, new class
    changed = order[: int(0.03 * n)]
    used[changed] = True
    codes[changed] = [other_class(c) for c in codes[changed]]
    # splits: the part east of the centroid becomes a new parcel of a new class
    split = order[int(0.03 * n): int(0.035 * n)]
    used[split] = True
    x = shapely.get_x(shapely.centroid(geometry[split]))
    bounds = shapely.bounds(geometry[split])
    west_part = shapely.intersection(geometry[split], shapely.box(bounds[:, 0] - 1, bounds[:, 1] - 1, x, bounds[:, 3] + 1))
    east_part = shapely.difference(geometry[split], west_part)
    geometry[split] = west_part
    extra_geometry = list(east_part)
    extra_codes = [other_class(c) for c in codes[split]]
    extra_rows = list(split)
    # neighbours for merges and boundary moves
    tree = shapely.STRtree(geometry)
    candidates = order[int(0.035 * n):]

    def pairs(wanted):
        found = []
        for i in candidates:
            if len(found) >= wanted:
                break
            if used[i]:
                continue
            near = tree.query(geometry[i], predicate="intersects")
            near = [j for j in near if j != i and not used[j] and codes[j] != codes[i]]
            if near:
                j = near[0]
                used[i] = used[j] = True
                found.append((i, j))
        return np.array(found, dtype=np.int64).reshape(-1, 2)

    merged = pairs(int(0.005 * n / 2))
    geometry[merged[:, 0]] = shapely.union(geometry[merged[:, 0]], geometry[merged[:, 1]])
    keep[merged[:, 1]] = False
    moved = pairs(int(0.01 * n / 2))
    distance = np.where(np.arange(len(moved)) % 2 == 0, 0.2, 5.0)
    x_cells, y_cells = geometry[moved[:, 0]], geometry[moved[:, 1]]
    strip = shapely.intersection(y_cells, shapely.buffer(x_cells, distance, quad_segs=4))
    geometry[moved[:, 0]] = shapely.union(x_cells, strip)
    geometry[moved[:, 1]] = shapely.difference(y_cells, strip)
    after = frame.iloc[np.concatenate([np.flatnonzero(keep), extra_rows])].copy()
    after["DLBM"] = np.concatenate([codes[keep], extra_codes])
    after["DLMC"] = [CLASSES[c][0] for c in after["DLBM"]]
    after = gpd.GeoDataFrame(after.drop(columns="geometry"), crs=frame.crs,
                             geometry=np.concatenate([geometry[keep], extra_geometry]))
    after["BSM"] = [f"4113232{i:09d}" for i in range(len(after))]
    pyogrio.write_dataframe(after, out, layer="DLTB", driver="GPKG")
    counts = {"cells": n, "class_changes": len(changed), "splits": len(split), "merges": len(merged),
              "moves_0.2m": int((distance == 0.2).sum()), "moves_5m": int((distance == 5.0).sum()),
              "after_cells": len(after)}
    counts_file.write_text(json.dumps(counts))
    return counts


def _pss_mb() -> float:
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def app_figures(before: Path, after: Path) -> dict:
    from xixia_map.data.analysis.change import compare_land_use
    from xixia_map.data.analysis.change_tables import changes_frame, matrix_table
    from xixia_map.data.analysis.sources import FileInput

    peak = {"pss": _pss_mb()}
    running = True

    def sample():
        while running:
            peak["pss"] = max(peak["pss"], _pss_mb())
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    pss_start = peak["pss"]
    started, cpu = time.perf_counter(), time.process_time()
    change = compare_land_use(FileInput(before, "DLTB"), FileInput(after, "DLTB"), TOLERANCE)
    matrix = matrix_table(change)
    layer = changes_frame(change)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    running = False
    sampler.join()
    return {"seconds": seconds, "cpu_seconds": cpu, "pss_peak_mb": peak["pss"], "pss_start_mb": pss_start,
            "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "changed_pieces": len(layer), "matrix_rows": len(matrix), "parcels": change.parcels,
            "matched_outlines": change.matched,
            "pairs_m2": {f"{f}>{t}": v for (f, t), v in change.pairs.items()},
            "slivers_m2": sum(change.slivers.values()),
            "changed_m2": sum(change.changed().values())}


QGIS_SCRIPT = r'''
import json, sys, time, os, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
app = QgsApplication([], False); app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
import processing
from processing.core.Processing import Processing
Processing.initialize()
from qgis.analysis import QgsNativeAlgorithms
QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
before, after = sys.argv[1:3]
context = QgsProcessingContext()
context.setEllipsoid("EPSG:7019")  # GRS80: $area is then ellipsoidal
feedback = QgsProcessingFeedback()
out = {"qgis": __import__("qgis.core").core.Qgis.QGIS_VERSION}
started = time.perf_counter()
pieces = processing.run("native:intersection", {"INPUT": before + "|layername=DLTB", "OVERLAY": after + "|layername=DLTB",
                        "INPUT_FIELDS": ["DLBM"], "OVERLAY_FIELDS": ["DLBM"], "OVERLAY_FIELDS_PREFIX": "H_",
                        "OUTPUT": "memory:"}, context=context, feedback=feedback)["OUTPUT"]
out["intersection_s"] = time.perf_counter() - started
pieces = processing.run("native:fieldcalculator", {"INPUT": pieces, "FIELD_NAME": "piece_m2", "FIELD_TYPE": 0,
                        "FIELD_PRECISION": 6, "FORMULA": "$area", "OUTPUT": "memory:"}, context=context,
                        feedback=feedback)["OUTPUT"]
stats = processing.run("qgis:statisticsbycategories", {"INPUT": pieces, "VALUES_FIELD_NAME": "piece_m2",
                       "CATEGORIES_FIELD_NAME": ["DLBM", "H_DLBM"], "OUTPUT": "memory:"}, context=context,
                       feedback=feedback)["OUTPUT"]
out["seconds"] = time.perf_counter() - started
out["pieces"] = pieces.featureCount()
out["pairs_m2"] = {f["DLBM"] + ">" + f["H_DLBM"]: f["sum"] for f in stats.getFeatures()}
out["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["cpu_seconds"] = time.process_time()  # the whole process, QGIS's start included
print(json.dumps(out))
'''


def qgis_figures(before: Path, after: Path, timeout: float) -> dict:
    if subprocess.run(["/usr/bin/python3", "-c", "import qgis.core"], capture_output=True).returncode != 0:
        return {"skipped": "QGIS (python3-qgis) is not installed"}
    try:
        proc = subprocess.run(["/usr/bin/python3", "-c", QGIS_SCRIPT, str(before), str(after)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout_s": timeout}
    line = next((x for x in proc.stdout.splitlines() if x.startswith("{")), None)
    return json.loads(line) if line else {"error": proc.stderr[-800:]}


def compared_areas(app: dict, qgis: dict) -> dict:
    """The two matrices' cells side by side: the largest relative difference, and on the diagonal."""
    ours, theirs = app["pairs_m2"], qgis.get("pairs_m2") or {}
    keys = set(ours) | set(theirs)
    worst = max((abs(ours.get(k, 0.0) - theirs.get(k, 0.0)) / max(ours.get(k, 0.0), theirs.get(k, 0.0), 1.0), k)
                for k in keys)
    return {"cells": len(keys), "largest_relative_difference": worst[0], "at": worst[1],
            "total_app_m2": sum(ours.values()), "total_qgis_m2": sum(theirs.values())}


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".cache" / "xixia-map-bench" / "land_change"
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 3600
    from landuse_data import make_dltb

    started = time.perf_counter()
    _gdb, before = make_dltb(folder / f"dltb_{cells}", cells)
    made = make_after(before, folder / f"dltb_{cells}" / "dltb_after.gpkg")
    print(json.dumps({"inputs_s": round(time.perf_counter() - started), "changes_made": made}), file=sys.stderr)
    after = folder / f"dltb_{cells}" / "dltb_after.gpkg"
    app = app_figures(before, after)
    print(json.dumps({"app": {k: v for k, v in app.items() if k != "pairs_m2"}}, ensure_ascii=False), flush=True)
    reference = qgis_figures(before, after, timeout)
    print(json.dumps({"qgis": {k: v for k, v in reference.items() if k != "pairs_m2"}}), flush=True)
    if "seconds" in reference:
        print(json.dumps({"ratio_qgis_over_app": reference["seconds"] / app["seconds"],
                          "cpu_ratio": reference.get("cpu_seconds", 0.0) / app["cpu_seconds"],
                          "areas": compared_areas(app, reference)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
