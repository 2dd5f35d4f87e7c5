"""In the window: 对比分析 → 地类变化… on two opened DLTB files (a 三调 year and a
变更调查 year): the dialog offers them in that order, its button runs the
comparison on a worker, the 变化图斑 come onto the map as a layer coloured by
transition, and the 转移矩阵 shows in a dock and exports as XLSX."""
import geopandas as gpd
import pytest
from ceilings import CEILING_MS
from openpyxl import load_workbook
from shapely.geometry import box

from windows import open_and_wait

X0, Y0 = 37_545_000.0, 3_686_000.0


def cell(col, west=0.0, east=0.0):
    return box(X0 + col * 100 + west, Y0, X0 + (col + 1) * 100 + east, Y0 + 100)


@pytest.fixture
def years(tmp_path):
    before = gpd.GeoDataFrame({"DLBM": ["0103", "0301", "0101"], "DLMC": ["旱地", "乔木林地", "水田"]},
                              geometry=[cell(0), cell(1), cell(2)], crs=4525)
    after = gpd.GeoDataFrame({"DLBM": ["0702", "0301", "0103", "0101"], "DLMC": ["", "", "", ""]},
                             geometry=[cell(0), cell(1, east=-50), cell(1, west=50), cell(2)], crs=4525)
    paths = tmp_path / "变更调查2023_DLTB.gpkg", tmp_path / "三调2019_DLTB.gpkg"
    after.to_file(paths[0], layer="DLTB")
    before.to_file(paths[1], layer="DLTB")
    return paths


def _menu_action(window, text):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu entry {text}")


def test_two_years_compared_from_the_menu(qtbot, window, years, tmp_path):
    from PySide6.QtCore import Qt

    after_id = open_and_wait(qtbot, window, years[0])  # opened first: the dialog still puts 三调 before
    before_id = open_and_wait(qtbot, window, years[1])
    _menu_action(window, "地类变化…").trigger()
    dialog = window.land_change_dialog
    assert dialog.before.currentData() == before_id and dialog.after.currentData() == after_id
    assert dialog.tolerance.value() == pytest.approx(0.5)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "land_change_dock", None) is not None and not window.land_change_jobs,
                    timeout=CEILING_MS)
    layer = next(layer for layer in window.layers if layer.spec.title_zh.startswith("变化图斑"))
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer.id) == 2, timeout=CEILING_MS)
    assert sorted(layer.frame["变化类型"]) == ["林地→耕地", "耕地→建设用地"]
    rule = layer.spec.style["color_by"]
    assert rule["field"] == "变化类型" and list(rule["values"])[0] == "耕地→建设用地"  # the largest first
    assert "公顷" in rule["values"]["耕地→建设用地"]["area_text"]
    dock = window.land_change_dock
    assert window.land_change_holder.isVisible()
    headers = [dock.table.horizontalHeaderItem(c).text() for c in range(dock.table.columnCount())]
    assert headers[0] == "前期＼后期" and headers[-1] == "合计"
    rows = {dock.table.item(r, 0).text(): r for r in range(dock.table.rowCount())}
    total = dock.table.item(rows["合计"], len(headers) - 1)
    assert float(total.text().replace(",", "")) == pytest.approx(3.0, rel=1e-3)  # three 1 ha cells, in 公顷
    assert total.textAlignment() & Qt.AlignmentFlag.AlignRight
    dock.unit.setCurrentIndex(dock.unit.findData("mu"))
    total = dock.table.item(rows["合计"], len(headers) - 1)
    assert float(total.text().replace(",", "")) == pytest.approx(45.0, rel=1e-3)
    dock.level.setCurrentIndex(dock.level.findData("main"))
    assert dock.table.horizontalHeaderItem(1).text() == "农用地"
    out = dock.export(tmp_path / "矩阵.xlsx")
    sheet = load_workbook(out)["转移矩阵（公顷）"]
    assert sheet.cell(1, 1).value == "前期＼后期" and isinstance(sheet.cell(2, 2).value, float)
    assert not window.dialogs


def test_the_same_layer_twice_is_refused(qtbot, window, years):
    from PySide6.QtCore import Qt

    open_and_wait(qtbot, window, years[0])
    open_and_wait(qtbot, window, years[1])
    _menu_action(window, "地类变化…").trigger()
    dialog = window.land_change_dialog
    dialog.after.setCurrentIndex(dialog.before.currentIndex())
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert window.dialogs and "两个不同的地类图斑图层" in window.dialogs[-1][1]
    assert not getattr(window, "land_change_jobs", [])


def test_cancel_stops_the_comparison_and_adds_nothing(qtbot, window, years, monkeypatch):
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from xixia_map.data.analysis import change

    real = change.compare_land_use

    def slow(before, after, tolerance, progress, cancelled, **kwargs):
        """Work that reports progress until Cancel is pressed (so the progress dialog
        shows, as for a long comparison), then the real comparison, which must stop."""
        deadline = time.monotonic() + CEILING_MS / 1000
        step = 0
        while not cancelled() and time.monotonic() < deadline:
            step = min(step + 1, 999)
            progress(step, 1000)
            time.sleep(0.01)
        return real(before, after, tolerance, progress, cancelled, **kwargs)

    monkeypatch.setattr(change, "compare_land_use", slow)
    open_and_wait(qtbot, window, years[0])
    open_and_wait(qtbot, window, years[1])
    count = len(window.layers.ids())
    _menu_action(window, "地类变化…").trigger()
    qtbot.mouseClick(window.land_change_dialog.run_button, Qt.MouseButton.LeftButton)
    job = window.land_change_jobs[0]
    qtbot.waitUntil(job.dialog.isVisible, timeout=CEILING_MS)
    qtbot.mouseClick(job.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.land_change_jobs, timeout=CEILING_MS)
    assert len(window.layers.ids()) == count and getattr(window, "land_change_dock", None) is None
    assert not window.dialogs  # a cancel is not an error
