"""Opening files in the window: CRS questions, progress and cancel, drag and drop, offsets,
projects, bookmarks and measuring, against the real map."""
from ceilings import CEILING_MS
import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from shapely.geometry import Point

from windows import make_window, open_and_wait
from xixia_map.data.chinese_offsets import wgs84_to_gcj02
from xixia_map.map.capture import wait_until_idle


def gk37_gpkg(path):
    to_gk = Transformer.from_crs(4326, 4525, always_xy=True)
    gpd.GeoDataFrame({"名称": ["县城点", "回车点"]},
                     geometry=[Point(to_gk.transform(111.48, 33.305)), Point(to_gk.transform(111.37, 33.30))],
                     crs=None).to_file(path, driver="GPKG")
    return path


def test_gk37_file_asks_for_crs_and_lands_aligned(qtbot, window, tmp_path):
    asked = []
    window.opener.ask_crs = lambda path, err: asked.append([g.epsg for g in err.guesses]) or (4525, False)
    layer_id = open_and_wait(qtbot, window, gk37_gpkg(tmp_path / "sandiao.gpkg"))
    assert asked == [[4525, 2361, 2413]]  # CGCS2000, 西安80, 北京54 zone 37
    point = window.layers[layer_id].frame.geometry.iloc[0]
    assert abs(point.x - 111.48) < 1e-5 and abs(point.y - 33.305) < 1e-5
    # drawn on the map where the bundled county seat is
    user = window.map_view.call_sync("featurePoint", layer_id, "1")
    seat = window.map_view.call_sync("featurePoint", "townships", "baiyu")
    assert abs(user[0] - seat[0]) < 15 and abs(user[1] - seat[1]) < 15
    assert window.layers_panel.model.item_for(layer_id).text().startswith("sandiao")
    assert layer_id in window.tables.tables
    window.search.setText("")
    assert any(hit.layer_id == layer_id for hit in window.search.index.search("县城点"))


def test_declined_crs_question_adds_nothing(qtbot, window, tmp_path):
    window.opener.ask_crs = lambda path, err: None
    count = len(window.layers)
    window.opener.open_paths([gk37_gpkg(tmp_path / "x.gpkg")])
    qtbot.waitUntil(lambda: not window.opener.busy(), timeout=CEILING_MS)
    assert len(window.layers) == count


def test_big_file_can_be_cancelled_from_the_progress(qtbot, window, tmp_path):
    rng = np.random.default_rng(3)
    x, y = rng.uniform(111.0, 111.8, 100_000), rng.uniform(33.1, 33.8, 100_000)
    path = tmp_path / "big.gpkg"
    gpd.GeoDataFrame({"DLBM": ["0101"] * 100_000}, geometry=shapely.box(x, y, x + 0.001, y + 0.001),
                     crs=4490).to_file(path, driver="GPKG")
    progress = []
    original_start = window.opener._start

    def start_and_cancel_on_progress(path_, load, options):
        def load_with_cancel(report, cancelled):
            def on_progress(done, total):
                progress.append((done, total))
                report(done, total)
            return load(on_progress, lambda: len(progress) >= 2 or cancelled())
        original_start(path_, load_with_cancel, options)

    window.opener._start = start_and_cancel_on_progress
    count = len(window.layers)
    with qtbot.waitSignal(window.opener.cancelled, timeout=CEILING_MS):
        window.opener.open_paths([path])
    assert progress[:2] == [(20000, 100000), (40000, 100000)]
    assert len(window.layers) == count


def test_drop_a_gcj02_csv_then_correct_the_offset(qtbot, window, tmp_path):
    lon, lat = wgs84_to_gcj02(111.48, 33.305)
    path = tmp_path / "高德坐标.csv"
    path.write_text(f"项目名称,经度,纬度\n县城,{lon},{lat}\n", encoding="gbk")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.opener.layer_added, timeout=CEILING_MS) as blocker:
        window.dropEvent(event)
    layer_id = blocker.args[0]
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer_id) == 1, timeout=CEILING_MS)
    before = window.map_view.call_sync("featurePoint", layer_id, "1")
    window.layers.set_offset(layer_id, "gcj02")
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer_id) == 1
                    and window.map_view.call_sync("featurePoint", layer_id, "1") != before, timeout=CEILING_MS)
    point = window.layers[layer_id].frame.geometry.iloc[0]
    assert abs(point.x - 111.48) < 1e-6 and abs(point.y - 33.305) < 1e-6


def test_csv_without_known_columns_asks_for_them(qtbot, window, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,E,N\nA,111.4,33.3\n", encoding="utf-8")
    window.opener.ask_columns = lambda p, cols: ("E", "N")
    layer_id = open_and_wait(qtbot, window, path)
    assert window.layers[layer_id].frame.geometry.iloc[0].x == pytest.approx(111.4)


def test_bad_file_reports_and_keeps_the_app(qtbot, window, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with qtbot.waitSignal(window.opener.failed, timeout=CEILING_MS) as blocker:
        window.opener.open_paths([path])
    assert "broken.geojson" in blocker.args[0] and "截断" in blocker.args[0]  # the window is in Chinese
    title, text, text_format = window.dialogs[-1]
    assert "broken.geojson" in text and text_format == Qt.TextFormat.PlainText


def test_remove_user_layer(qtbot, window, tmp_path):
    window.opener.ask_crs = lambda path, err: (4525, False)
    layer_id = open_and_wait(qtbot, window, gk37_gpkg(tmp_path / "r.gpkg"))
    window.layers.remove(layer_id)
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer_id) == -1, timeout=CEILING_MS)
    assert layer_id not in window.tables.tables


def test_project_round_trip_with_bookmark_and_missing_file(qtbot, window, tmp_path, catalog):
    from xixia_map.ui.project_io import add_bookmark, open_project, recent_projects, save_project_as

    window.opener.ask_crs = lambda path, err: (4525, False)
    data = gk37_gpkg(tmp_path / "p.gpkg")
    layer_id = open_and_wait(qtbot, window, data)
    window.layers.set_opacity(layer_id, 0.4)
    window.layers.set_visible("parks", False)
    window.map_view.fit_bounds(111.40, 33.25, 111.56, 33.35)
    qtbot.waitUntil(lambda: window.map_view.last_view.get("zoom", 0) > 11, timeout=CEILING_MS)
    wait_until_idle(window.map_view)
    add_bookmark(window, "县城周边")
    project = tmp_path / "plan.xixia.json"
    assert save_project_as(window, project) == project
    assert recent_projects()[0] == str(project)
    assert window.windowTitle() == "plan[*] — 西峡项目地图"  # the project's name in the title

    second = make_window(qtbot, catalog)
    assert open_project(second, project) == []
    reopened = [lyr for lyr in second.layers if lyr.spec.category == "user"]
    assert len(reopened) == 1 and reopened[0].opacity == pytest.approx(0.4) and reopened[0].origin.assume_crs == 4525
    assert not second.layers["parks"].visible
    assert [b.name for b in second.bookmarks] == ["县城周边"]
    qtbot.waitUntil(lambda: second.map_view.call_sync("featureCount", reopened[0].id) == 2, timeout=CEILING_MS)

    data.rename(tmp_path / "moved.gpkg")
    third = make_window(qtbot, catalog)
    problems = open_project(third, project)
    assert len(problems) == 1 and "p.gpkg" in problems[0]


def test_measure_distance_and_area(qtbot, window):
    window.measure_actions["line"].setChecked(True)
    with qtbot.waitSignal(window.map_view.measured, timeout=CEILING_MS):
        window.map_view.call_sync("measureClickAt", 111.48, 33.0)
    with qtbot.waitSignal(window.map_view.measured, timeout=CEILING_MS):
        window.map_view.call_sync("measureClickAt", 111.48, 34.0)
    assert "110.9" in window.measure_label.text() and "km" in window.measure_label.text()
    qtbot.waitUntil(lambda: window.map_view.evaluate(
        "document.querySelectorAll('.xm-measure-label').length") == 1, timeout=CEILING_MS)  # the leg's length on the map
    assert "110.9" in window.map_view.evaluate("document.querySelector('.xm-measure-total').textContent")
    window.measure_actions["area"].setChecked(True)
    assert not window.measure_actions["line"].isChecked()
    for lon, lat in [(111.48, 33.30), (111.49, 33.30), (111.49, 33.31)]:
        with qtbot.waitSignal(window.map_view.measured, timeout=CEILING_MS):
            window.map_view.call_sync("measureClickAt", lon, lat)
    assert "亩" in window.measure_label.text()
    window.measure_actions["area"].setChecked(False)
    assert window.map_view.evaluate("window.xixia._state.measure === null")
    assert window.map_view.call_sync("measureShown")  # the result stays on the map …
    window.map_view.call_sync("clearMeasure")  # … until cleared (Esc, or the next measurement)
    assert not window.map_view.call_sync("measureShown")


def test_esc_on_the_map_ends_and_clears_a_measurement_under_way(qtbot, window):
    from PySide6.QtCore import Qt

    window.measure_actions["area"].setChecked(True)
    for lon, lat in [(111.48, 33.30), (111.49, 33.30), (111.49, 33.31)]:
        with qtbot.waitSignal(window.map_view.measured, timeout=CEILING_MS):
            window.map_view.call_sync("measureClickAt", lon, lat)
    proxy = window.map_view.focusProxy()
    proxy.setFocus()
    qtbot.keyClick(proxy, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.measure_actions["area"].isChecked(), timeout=CEILING_MS)
    assert not window.map_view.call_sync("measureShown") and window.measure_label.text() == ""


def test_the_crs_question_names_the_grids_and_takes_a_typed_code(qtbot, window, tmp_path):
    """A GK-zone-37 file without a .prj: the dialog lists CGCS2000, 西安80 and
    北京54 zone 37 in words; the planner types 2361 (西安80 zone 37), sees it
    named, presses OK, and the layer is read in that CRS."""
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from xixia_map.ui.crs_dialog import CrsDialog

    seen = {}

    def answer():
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, CrsDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, answer)
            return
        seen["items"] = [dialog.choices.item(i).text().split("\n")[0] for i in range(dialog.choices.count())]
        qtbot.keyClicks(dialog.code, "2361")
        seen["named"] = dialog.named.text()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    layer_id = open_and_wait(qtbot, window, gk37_gpkg(tmp_path / "无坐标系.gpkg"))
    assert seen["items"][:3] == ["2000国家大地坐标系 3度带 第37带", "1980西安坐标系 3度带 第37带",
                                 "1954北京坐标系 3度带 第37带"]
    assert seen["named"] == "1980西安坐标系 3度带 第37带"
    assert window.layers[layer_id].report.assumed_crs == "EPSG:2361"


def test_a_drawings_second_layer_is_read_in_the_crs_given_for_its_first(qtbot, window, tmp_path):
    import planner_files as pf

    drawing = pf.dxf_drawing(tmp_path / "规划.dxf")
    asked = []
    window.opener.ask_crs = lambda path, err: asked.append(path) or (4525, False)
    window.opener.ask_layer = lambda path, names: "面"
    first = open_and_wait(qtbot, window, drawing)
    window.opener.ask_layer = lambda path, names: "线"
    second = open_and_wait(qtbot, window, drawing)
    assert len(asked) == 1 and first != second  # asked once, for the file
    assert window.layers[second].origin.assume_crs == 4525
