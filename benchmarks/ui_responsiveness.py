"""Longest UI-thread stall during each panel action, on the bundled data.

A 1 ms QTimer heartbeat runs throughout; the longest gap between two beats
while an action runs (and for 300 ms after it, to catch queued work) is how long
the UI thread was blocked. Target: <= 100 ms for every action.

    .venv/bin/python benchmarks/ui_responsiveness.py
"""
from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XIXIA_MAP_TEST_PROBES", "1")  # window.xixia's test-only members (static/test_probes.js)
os.environ.setdefault("XIXIA_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench.ini"))

from xixia_map.map.runtime import prepare_web_engine  # noqa: E402

prepare_web_engine()

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

app = QApplication([])

from xixia_map.data.catalog import load_catalog  # noqa: E402
from xixia_map.data.indicators import load_indicators  # noqa: E402
from xixia_map.data.layers import LayerList  # noqa: E402
from xixia_map.map.capture import wait_until_idle  # noqa: E402
from xixia_map.paths import CATALOG_PATH, INDICATORS_PATH  # noqa: E402
from xixia_map.ui.main_window import MainWindow  # noqa: E402


class Heartbeat:
    def __init__(self):
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.beat)
        self.timer.start(1)

    def beat(self):
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self):
        self.last = time.perf_counter()
        self.worst = 0.0


def settle(ms=300):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main():
    catalog = load_catalog(CATALOG_PATH)
    window = MainWindow(LayerList.from_catalog(catalog), "zh", groups=catalog.groups,
                        indicators=load_indicators(INDICATORS_PATH))
    window.show()
    wait_until_idle(window.map_view)
    beat = Heartbeat()
    table = window.tables.tables["projects"]
    actions = {
        "toggle layer in tree": lambda: window.layers_panel.model.item_for("roads").setCheckState(Qt.CheckState.Unchecked),
        "opacity slider": lambda: window.layers_panel.opacity.setValue(40),
        "map click → details + table": lambda: window.map_view.call("clickFeature", "townships", "huiche"),
        "search typing 'huiche'": lambda: QTest.keyClicks(window.search, "huiche"),
        "search choose": lambda: QTest.keyClick(window.search, Qt.Key.Key_Return),
        "indicator → highlight 7 sections": lambda: window.indicators_panel.choose("water_attainment"),
        "township → entries": lambda: window.indicators_panel.township_combo.setCurrentIndex(3),
        "table filter by status": lambda: table.combos["status_zh"].setCurrentIndex(2),
        "table row → map": lambda: table.view.selectRow(0),
        "zoom to layer": lambda: window.map_view.zoom_to_layer("facilities"),
        "language zh → en": lambda: window.set_language("en"),
        "language en → zh": lambda: window.set_language("zh"),
    }
    worst_all = 0.0
    for name, action in actions.items():
        settle(200)
        beat.reset()
        started = time.perf_counter()
        action()
        direct = time.perf_counter() - started
        settle(300)
        worst_all = max(worst_all, beat.worst)
        print(f"{name:<34} call {direct * 1000:6.1f} ms   longest UI stall {beat.worst * 1000:6.1f} ms")
    print(f"worst stall over all actions: {worst_all * 1000:.1f} ms (target <= 100 ms)")


if __name__ == "__main__":
    main()
