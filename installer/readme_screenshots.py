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
os.environ.setdefault("XIXIA_SETTINGS", "/tmp/xixia-screenshot-settings.ini")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", default="out/sample")
    parser.add_argument("--out", default="resources/screenshots")
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

    dom, dltb, dem = sample / "示例_正射影像.tif", sample / "示例_三调图斑.gpkg", sample / "示例_DEM.tif"
    for lang, size, suffix in (("zh", (1600, 1000), ""), ("zh", (1024, 700), "-1024"), ("en", (1600, 1000), "-en")):
        window = window_with([dom, dltb], lang, size)
        land = next(l for l in window.layers if l.spec.path == dltb)
        window.layers.set_opacity(land.id, 0.3)
        window.layers_panel.tree.expandAll()
        shoot(window, f"dom-sandiao{suffix}.png", (111.445, 33.272, 111.515, 33.328))
        window.close()
    window = window_with([dem], "zh", (1600, 1000))
    shoot(window, "dem-hillshade.png", (110.98, 32.97, 111.84, 33.82))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
