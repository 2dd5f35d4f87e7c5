"""The README's screenshots of the planner's formats, taken of the real window
(offscreen, 1600x1000 and 1024x700) on the generated sample data
(geodata/build/sample_planner_data.py), files opened through the window's own
opener as a planner opens them.

    .venv/bin/python installer/readme_screenshots.py [--sample out/sample] [--out resources/screenshots]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A fresh settings file: the screenshots show the window as a new planner first sees it.
os.environ.setdefault("XIXIA_SETTINGS", os.path.join(__import__("tempfile").mkdtemp(), "settings.ini"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", default="out/sample")
    parser.add_argument("--out", default="resources/screenshots")
    parser.add_argument("--large", default="out/landuse/1000000/dltb.gpkg",
                        help="the generated 三调 layer for --only large (benchmarks/landuse_data.py)")
    parser.add_argument("--only", choices=("formats", "register", "places", "window", "large", "services"),
                        help="take one set of screenshots")
    args = parser.parse_args()
    sample, out = Path(args.sample), Path(args.out)
    from xixia_map.map.runtime import start_web_engine

    app, _warm = start_web_engine(sys.argv[:1])
    from PySide6.QtCore import QEventLoop, QTimer

    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.paths import CATALOG_PATH, INDICATORS_PATH
    from xixia_map.ui.main_window import MainWindow

    def wait(ms):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def window_with(paths, lang, size):
        catalog = load_catalog(CATALOG_PATH)
        window = MainWindow(LayerList.from_catalog(catalog), lang, groups=catalog.groups,
                            indicators=load_indicators(INDICATORS_PATH))
        window.opener.report_notices = lambda *a: None  # the notices are in the status bar too
        window.resize(*size)
        window.show()
        wait_until_idle(window.map_view, 60)
        for path in paths:
            window.opener.open_paths([path])
            while window.opener.busy():
                wait(100)
        return window

    def shoot(window, name, bounds):
        window.map_view.fit_bounds(*bounds)
        wait(300)
        wait_until_idle(window.map_view, 60)
        stable_grab(window.map_view, 60)
        wait(500)
        window.grab().save(str(out / name))
        print("saved", out / name)
        window.unsaved.clear()  # closing must not ask to save the sample layers

    if args.only == "register":
        register_scenes(window_with, shoot, wait, out)
        return 0
    if args.only == "places":
        places_scenes(window_with, shoot, wait, out)
        return 0
    if args.only == "window":
        window_scenes(window_with, shoot, wait, out)
        return 0
    if args.only == "large":
        large_scenes(window_with, shoot, Path(args.large), out)
        return 0
    if args.only == "services":
        service_scenes(window_with, shoot, wait, out)
        return 0
    dom, dltb, dem = sample / "示例_正射影像.tif", sample / "示例_三调图斑.gpkg", sample / "示例_DEM.tif"
    for lang, size, suffix in (("zh", (1600, 1000), ""), ("zh", (1024, 700), "-1024"), ("en", (1600, 1000), "-en")):
        window = window_with([dom, dltb], lang, size)
        land = next(layer for layer in window.layers if layer.spec.path == dltb)
        window.layers.set_opacity(land.id, 0.3)
        window.layers_panel.tree.expandAll()
        shoot(window, f"dom-sandiao{suffix}.png", (111.445, 33.272, 111.515, 33.328))
        window.close()
    window = window_with([dem], "zh", (1600, 1000))
    shoot(window, "dem-hillshade.png", (110.98, 32.97, 111.84, 33.82))
    window.close()
    if args.only is None:
        register_scenes(window_with, shoot, wait, out)
        places_scenes(window_with, shoot, wait, out)
        window_scenes(window_with, shoot, wait, out)
    return 0


def service_scenes(window_with, shoot, wait, out: Path) -> None:
    """A WMTS basemap at town scale (the tests' loopback MapProxy, in a process of its
    own), and a PDF sheet of the same view: basemap, its credit, the 审图号 field."""
    import json
    import shutil
    import subprocess

    from xixia_map.data.services import capabilities as caps
    from xixia_map.export.report import ReportRequest, write_report

    here = Path(__file__).resolve().parent.parent
    servers = subprocess.Popen([sys.executable, str(here / "tests" / "helpers" / "tile_services.py")], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        bases = json.loads(servers.stdout.readline())
        url = f"{bases['mapproxy']}/service?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0"
        from xixia_map.data.services.allowance import origin_of

        found, parsed = caps.wmts_layers(url, caps.fetch(url, {origin_of(url)}))
        layer = next(f for f in found if f.identifier == "field")
        service = caps.wmts_service("field", "县平台 WMTS（测试服务）", url, parsed, layer,
                                    attribution="测试服务（本机 MapProxy）")
        window = window_with([], "zh", (1600, 1000))
        window.basemap_box.add_service([service], {origin_of(url)})
        bounds = (111.462, 33.296, 111.498, 33.318)
        shoot(window, "wmts-town.png", bounds)
        state = window.map_view.call_sync("viewState")
        pdf = out / "wmts-sheet.pdf"
        write_report(window.layers, ReportRequest("西峡县城 · 地图服务底图", bounds=(state["west"], state["south"],
                                                                             state["east"], state["north"]),
                                                  maker="县自然资源局（示例）", review_number="（此处填写审图号）",
                                                  basemaps=window.map_view.basemaps,
                                                  basemap=window.map_view.basemap), pdf, "zh")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(out / "wmts-sheet")],
                           check=True)
            print("saved", out / "wmts-sheet.png")
        pdf.unlink()
        window.close()
    finally:
        servers.stdin.close()
        servers.wait(timeout=10)


def large_scenes(window_with, shoot, path: Path, out: Path) -> None:
    """The 1 M-cell benchmark layer in the 三调 colours: the whole county, and a township up close."""
    for lang, size, suffix in (("zh", (1600, 1000), ""), ("zh", (1024, 700), "-1024"), ("en", (1600, 1000), "-en")):
        window = window_with([path], lang, size)
        window.layers_panel.tree.expandAll()
        shoot(window, f"dltb-1m-county{suffix}.png", (111.02, 33.03, 111.78, 33.77))
        if not suffix:
            shoot(window, "dltb-1m-township.png", (111.455, 33.290, 111.505, 33.320))
        window.close()


def places_scenes(window_with, shoot, wait, out: Path) -> None:
    """Honest places: the development zone with the projects listed on it; an
    estimated township selected with its accuracy circle; 鹳河 beside G345."""
    for lang, size, suffix in (("zh", (1600, 1000), ""), ("zh", (1024, 700), "-1024"), ("en", (1600, 1000), "-en")):
        window = window_with([], lang, size)
        window.map_view.select_feature("projects", "dev_zone", zoom=False)
        wait(300)
        shoot(window, f"places-zone{suffix}.png", (111.44, 33.27, 111.58, 33.42))
        window.map_view.select_feature("townships", "huiche", zoom=False)
        wait(300)
        shoot(window, f"places-estimate{suffix}.png", (111.40, 33.30, 111.65, 33.47))
        window.map_view.clear_selection()
        window.details.show_record(None)
        shoot(window, f"places-lines{suffix}.png", (111.38, 33.28, 111.72, 33.70))
        window.close()


def register_scenes(window_with, shoot, wait, out: Path) -> None:
    """项目落图 on a scratch register made from the seed projects: one project
    dragged, one given a 红线 (an illustration of the editing, not a real
    site), the rest still 待落图 at their township seats; then the lifecycle
    view filtered to 在建."""
    import tempfile

    import shapely

    from xixia_map.data.register.session import LAYER_ID

    for lang, size, suffix in (("zh", (1600, 1000), ""), ("zh", (1024, 700), "-1024"), ("en", (1600, 1000), "-en")):
        window = window_with([], lang, size)
        register = window.register
        register.new_register(Path(tempfile.mkdtemp()) / "西峡项目库.gpkg")
        register.edit_action.setChecked(True)
        session = register.session
        first, second = session.frame["pid"].iloc[0], session.frame["pid"].iloc[1]
        session.drag(first, 111.4905, 33.2986, 16)
        redline = shapely.Polygon([(111.4712, 33.3061), (111.4768, 33.3064), (111.4771, 33.3023),
                                   (111.4739, 33.3008), (111.4709, 33.3019)])
        session.reshape(second, redline, 16)
        register.changed()
        wait(800)
        window.map_view.select_feature(LAYER_ID, second, zoom=False)
        register.view_panel.parent().raise_()
        shoot(window, f"register-editing{suffix}.png", (111.455, 33.292, 111.500, 33.313))
        box = register.view_panel.boxes["status"]
        box.setCurrentIndex(max(0, box.findData("在建")))
        shoot(window, f"register-lifecycle{suffix}.png", (110.98, 32.97, 111.84, 33.82))
        register.session.discard()
        window.unsaved.clear()
        window.close()



def window_scenes(window_with, shoot, wait, out: Path) -> None:
    """The window as a planner first sees it (the table closed), in both
    languages and both sizes, and the details of a selected township."""
    county = (110.98, 32.97, 111.84, 33.82)
    for lang, size, suffix in (("zh", (1600, 1000), "zh"), ("zh", (1024, 700), "zh-1024"),
                               ("en", (1600, 1000), "en"), ("en", (1024, 700), "en-1024")):
        window = window_with([], lang, size)
        if lang == "zh":
            window.docks["indicators"].raise_()
        else:
            window.map_view.select_feature("projects", "yinian_shanhai", zoom=False)
        shoot(window, f"window-{suffix}.png", county)
        if size == (1600, 1000):  # the 大屏 (F11), at the window's size rather than the offscreen screen's
            from xixia_map.ui.big_screen import show_big_screen

            screen = show_big_screen(window)
            screen.showNormal()
            screen.resize(*size)
            wait(800)
            screen.refresh_map()
            wait(200)
            screen.grab().save(str(out / f"big-screen-{lang}.png"))
            print("saved", out / f"big-screen-{lang}.png")
            screen.close()
        if suffix == "zh":
            window.docks["details"].raise_()
            window.map_view.select_feature("townships", "huiche", zoom=False)
            wait(500)
            window.docks["details"].grab().save(str(out / "details-huiche.png"))
            print("saved", out / "details-huiche.png")
        window.close()


if __name__ == "__main__":
    sys.exit(main())
