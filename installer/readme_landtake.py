"""The README's screenshots of 占地分析 and 合规性审查, taken of the real window
(offscreen, 1600x1000, both languages) on generated layers: a 三调 DLTB of
20 000 cells (benchmarks/landuse_data.py), 永久基本农田 made of its farmland
cells, 生态保护红线 blobs, a 城镇开发边界 round the county town, and a register
from the seed projects with generated 红线 near the county town. The layers
are illustrations made by code, not the county's data; the captions say so.

    .venv/bin/python installer/readme_landtake.py [--data out/landtake-demo] [--out resources/screenshots]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XIXIA_SETTINGS", os.path.join(tempfile.mkdtemp(), "settings.ini"))
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

TOWN = (111.44, 33.26, 111.56, 33.33)  # the county town and its edge, where the 红线 are drawn


def make_layers(folder: Path) -> dict[str, Path]:
    import geopandas as gpd
    import numpy as np
    import pyogrio
    import shapely

    from landuse_data import make_dltb

    _gdb, generated = make_dltb(folder / "dltb", 20_000, seed=3)
    dltb = folder / "地类图斑.gpkg"
    if not dltb.exists():
        import shutil

        shutil.copy(generated, dltb)
    paths = {"dltb": dltb, "farmland": folder / "永久基本农田.gpkg", "eco": folder / "生态保护红线.gpkg",
             "dev": folder / "城镇开发边界.gpkg"}
    if all(p.exists() for p in paths.values()):
        return paths
    rng = np.random.default_rng(7)
    frame = pyogrio.read_dataframe(dltb, layer="DLTB", columns=["DLBM"])
    fields = frame[frame["DLBM"].isin(["0101", "0103"])]
    chosen = fields.iloc[rng.choice(len(fields), len(fields) * 2 // 3, replace=False)]
    gpd.GeoDataFrame({"JBNTTBBH": [f"J{i:05d}" for i in range(len(chosen))]}, geometry=chosen.geometry.values,
                     crs=4525).to_file(paths["farmland"], layer="YJJBNTTB")
    west, south, east, north = frame.total_bounds
    centres = shapely.points(rng.uniform(west, east, 120), rng.uniform(south, north, 120))
    blobs = shapely.buffer(centres, rng.uniform(400, 2500, 120), quad_segs=16)
    gpd.GeoDataFrame({"HXMC": [f"生态保护红线{i}" for i in range(120)]}, geometry=blobs, crs=4525).to_file(
        paths["eco"], layer="STBHHX")
    town = gpd.GeoSeries([shapely.Point(111.495, 33.298)], crs=4326).to_crs(4525).buffer(3200, quad_segs=6)
    gpd.GeoDataFrame({"名称": ["西峡县城城镇开发边界"]}, geometry=town, crs=4525).to_file(paths["dev"], layer="CZKFBJ")
    return paths


def redlines(count: int, seed: int = 12) -> list:
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    west, south, east, north = TOWN
    sites = []
    for _ in range(count):
        x, y = rng.uniform(west, east), rng.uniform(south, north)
        w, h = rng.uniform(0.002, 0.006), rng.uniform(0.0015, 0.004)
        sites.append(shapely.affinity.rotate(shapely.box(x, y, x + w, y + h), rng.uniform(0, 60), origin="centroid"))
    return sites


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="out/landtake-demo")
    parser.add_argument("--out", default="resources/screenshots")
    args = parser.parse_args()
    data, out = Path(args.data), Path(args.out)
    data.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    paths = make_layers(data)

    from xixia_map.map.runtime import start_web_engine

    _app, _warm = start_web_engine(sys.argv[:1])
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QDockWidget

    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.data.register.session import LAYER_ID
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.paths import CATALOG_PATH, INDICATORS_PATH
    from xixia_map.ui.landtake_sheet import export_sheet
    from xixia_map.ui.main_window import MainWindow

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(condition, limit_s: float = 300) -> None:
        for _ in range(int(limit_s * 10)):
            if condition():
                return
            wait(100)
        raise TimeoutError("the window did not get there")

    def shoot(window, name: str, bounds) -> None:
        window.map_view.fit_bounds(*bounds)
        wait(300)
        wait_until_idle(window.map_view, 120)
        stable_grab(window.map_view, 120)
        wait(500)
        window.grab().save(str(out / name))
        print("saved", out / name)

    def scene(lang: str, suffix: str) -> None:
        catalog = load_catalog(CATALOG_PATH)
        window = MainWindow(LayerList.from_catalog(catalog), lang, groups=catalog.groups,
                            indicators=load_indicators(INDICATORS_PATH))
        window.opener.report_notices = lambda *a: None
        window.resize(1600, 1000)
        window.show()
        wait_until_idle(window.map_view, 120)
        for key in ("dltb", "farmland", "eco", "dev"):
            window.opener.open_paths([paths[key]])
            until(lambda: not window.opener.busy())
        register = window.register
        register.new_register(Path(tempfile.mkdtemp()) / "西峡项目库.gpkg")
        session = register.session
        pids = list(session.frame["pid"].iloc[:8])
        for pid, site in zip(pids, redlines(len(pids))):
            session.reshape(pid, site, 16)
        register.changed()
        window.show_landtake()
        dock = window.landtake
        dock.refresh_layers()
        window.map_view.select_feature(LAYER_ID, pids[0], zoom=False)
        until(lambda: window.details.record is not None)
        assert dock.analyse_selected()
        until(lambda: dock.result is not None)
        dock.table.selectRow(1)
        site = session.register.record(pids[0])["geometry"]
        x0, y0, x1, y1 = site.bounds
        pad = max(x1 - x0, y1 - y0) * 1.2
        shoot(window, f"landtake-dock{suffix}.png", (x0 - pad, y0 - pad, x1 + pad, y1 + pad))
        if lang == "zh":
            export_sheet(dock, out / "landtake-sheet.png")
            print("saved", out / "landtake-sheet.png")
        register.compliance_action.trigger()
        until(lambda: register.compliance.found is not None and not register.compliance.jobs)
        register.view_panel.parent().raise_()
        register.view_panel.conflicts_only.setChecked(True)
        dock = register.view_panel.parent()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parent()
        if dock is not None:  # wide enough to show the review's columns
            window.resizeDocks([dock], [760], Qt.Orientation.Horizontal)
        wait(300)
        bar = register.view_panel.table.horizontalScrollBar()
        bar.setValue(bar.maximum())  # the review's four columns, at the table's right end
        shoot(window, f"compliance{suffix}.png", TOWN)
        register.session.discard()
        window.unsaved.clear()
        window.close()

    for lang, suffix in (("zh", ""), ("en", "-en")):
        scene(lang, suffix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
