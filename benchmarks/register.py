"""The project register at county size: a 台账 of 2 000 projects (XLSX, Chinese
headers, a third with coordinates, the rest placed at their township's seat) with
24 months of progress each; import time, the time of a save of one edit
(one transaction: the revision check, the update, the edit log), and in the
real window the time from choosing a filter in the lifecycle view to the map
showing just those projects, idle (the totals, the table, the dashboard and
the map layer all follow).

    .venv/bin/python benchmarks/register.py
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from xixia_map.data.register.ledger import import_ledger
from xixia_map.data.register.model import Edit
from xixia_map.data.register.store import create_register, open_register, save_edits

TOWNSHIPS = ["回车镇", "丹水镇", "五里桥镇", "西坪镇", "太平镇", "米坪镇", "双龙镇", "阳城镇", "丁河镇", "重阳镇"]


def main() -> None:
    rng = np.random.default_rng(4)
    n = 2000
    placed = rng.random(n) < 1 / 3
    ledger = pd.DataFrame({
        "序号": range(1, n + 1), "项目名称": [f"项目{i:04d}" for i in range(n)],
        "建设单位": ["某单位"] * n, "所在乡镇": rng.choice(TOWNSHIPS, n),
        "级别": rng.choice(["省重点", "市重点", "县重点"], n), "总投资（万元）": rng.integers(500, 200000, n),
        "年度计划投资（万元）": rng.integers(100, 50000, n), "完成投资（万元）": rng.integers(0, 50000, n),
        "建设状态": rng.choice(["在建", "已签约·前期", "投产运营"], n),
        "经度": np.where(placed, np.round(rng.uniform(111.1, 111.7, n), 5).astype(str), ""),
        "纬度": np.where(placed, np.round(rng.uniform(33.1, 33.7, n), 5).astype(str), ""),
    })
    folder = Path(tempfile.mkdtemp(prefix="xixia-register-"))
    sheet = folder / "台账.xlsx"
    ledger.to_excel(sheet, index=False)
    started = time.perf_counter()
    result = import_ledger(sheet)
    progress = [(pid, f"{2025 + m // 12}-{m % 12 + 1:02d}", float(m * 10)) for pid in result.frame["pid"] for m in range(24)]
    create_register(folder / "库.gpkg", result.frame, progress)
    imported = time.perf_counter() - started
    register = open_register(folder / "库.gpkg")
    saves = []
    for i in range(20):
        pid = register.frame["pid"].iloc[i]
        started = time.perf_counter()
        save_edits(register, [Edit(pid, "geometry", None, shapely.Point(111.5 + i * 1e-4, 33.3))], who="bench")
        saves.append(time.perf_counter() - started)
    print(f"import of {n} rows + {len(progress)} progress rows: {imported:.2f} s; "
          f"save of one edit: median {statistics.median(saves) * 1000:.1f} ms, worst {max(saves) * 1000:.1f} ms")
    filter_and_redraw(folder / "库.gpkg")


def filter_and_redraw(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("XIXIA_MAP_TEST_PROBES", "1")  # window.xixia's test-only members (static/test_probes.js)
    os.environ.setdefault("XIXIA_SETTINGS", str(path.with_name("bench.ini")))
    from xixia_map.map.runtime import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.data.register.session import LAYER_ID
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.paths import CATALOG_PATH, INDICATORS_PATH
    from xixia_map.ui.main_window import MainWindow

    catalog = load_catalog(CATALOG_PATH)
    window = MainWindow(LayerList.from_catalog(catalog), "zh", groups=catalog.groups,
                        indicators=load_indicators(INDICATORS_PATH))
    window.resize(1600, 1000)
    window.show()
    wait_until_idle(window.map_view)
    window.register.open(path)
    view, panel = window.map_view, window.register.view_panel
    wait_for(app, lambda: view.call_sync("featureCount", LAYER_ID) == len(window.register.session.frame))
    wait_until_idle(view)
    times = []
    for field, box in panel.boxes.items():
        for index in list(range(1, min(box.count(), 4))) + [0]:
            box.setCurrentIndex(0) if index else None
            wait_until_idle(view)
            expected = len(panel.frame) if index == 0 else int((panel.frame[field] == box.itemData(index)).sum())
            started = time.perf_counter()
            box.setCurrentIndex(index)
            wait_for(app, lambda: view.call_sync("featureCount", LAYER_ID) == expected)
            wait_until_idle(view)
            times.append((time.perf_counter() - started, field, expected))
            if os.environ.get("XIXIA_BENCH_VERBOSE"):
                print(f"  {field}={box.itemText(index)}: {expected} shown, {times[-1][0] * 1000:.0f} ms")
    print(f"filter and redraw in the window (1600 × 1000, {len(times)} filters, "
          f"{min(t[2] for t in times)}–{max(t[2] for t in times)} projects shown): "
          f"median {statistics.median(t[0] for t in times) * 1000:.0f} ms, worst "
          f"{max(t[0] for t in times) * 1000:.0f} ms")
    window.unsaved.clear() if hasattr(window.unsaved, "clear") else None
    window.close()


def wait_for(app, condition, timeout=30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the map did not show the filtered register")
        app.processEvents()


if __name__ == "__main__":
    main()
