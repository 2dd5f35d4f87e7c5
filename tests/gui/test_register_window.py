"""项目落图 in the real window: create the register from the seed projects,
drag a project to its site through the map (a real marker's dragend), undo
and redo, edit its status, save, reopen; a conflicting save is shown, not
written over."""
from ceilings import CEILING_MS
from xixia_map.map.capture import wait_until_idle
import pytest

from windows import menu_texts
from xixia_map.data.register.session import LAYER_ID
from xixia_map.data.register.model import Edit
from xixia_map.data.register.store import edit_log, open_register, save_edits


def test_place_edit_save_and_reopen(qtbot, window, tmp_path):
    path = tmp_path / "西峡项目库.gpkg"
    register = window.register
    assert register.new_register(path)
    view = window.map_view
    qtbot.waitUntil(lambda: view.call_sync("featureCount", LAYER_ID) == 11, timeout=CEILING_MS)
    assert not window.layers["projects"].visible  # the register shows the planners' copy
    register.edit_action.setChecked(True)
    frame = register.session.frame
    first_point = (frame.geom_type == "Point").to_numpy().nonzero()[0][0]
    pid, seat = frame["pid"].iloc[first_point], frame.geometry.iloc[first_point]
    view.call_sync("setViewNoAnim", 111.68, 33.232, 15)
    assert not view.call_sync("dragFeatureTo", LAYER_ID, pid, 111.6805, 33.2322)  # not selected: not draggable
    view.select_feature(LAYER_ID, pid, zoom=False)
    with qtbot.waitSignal(view.feature_dragged, timeout=CEILING_MS):
        assert view.call_sync("dragFeatureTo", LAYER_ID, pid, 111.6805, 33.2322)
    record = register.session.register.record(pid)
    assert (round(record["geometry"].x, 6), round(record["geometry"].y, 6)) == (111.6805, 33.2322)
    assert record["placement"] == "已落图" and 10 < record["accuracy_m"] < 15  # 3 px at zoom 15
    assert window.isWindowModified()
    register.undo_action.trigger()
    assert register.session.register.record(pid)["geometry"].equals(seat)
    register.redo_action.trigger()
    qtbot.waitUntil(lambda: view.call_sync("clickFeature", LAYER_ID, pid), timeout=CEILING_MS)
    qtbot.waitUntil(lambda: window.current_selection() == (LAYER_ID, pid), timeout=CEILING_MS)
    assert window.details.edit_button.isVisibleTo(window.details)  # 编辑属性… in the details panel
    from xixia_map.ui.register_dialog import ProjectDialog

    form = ProjectDialog(register.session.register.record(pid), ["丹水镇", "回车镇"], window)
    form.widgets["status"].setCurrentIndex(form.widgets["status"].findData("在建"))
    form.widgets["total"].setValue(12000)
    assert form.widgets["total"].suffix().strip() == "万元"
    register.edit_selected(form)
    assert register.session.register.record(pid)["status"] == "在建"
    qtbot.waitUntil(lambda: view.call_sync("featurePoint", LAYER_ID, pid) is not None, timeout=CEILING_MS)
    assert register.save()
    reread = open_register(path).record(pid)
    assert reread["status"] == "在建" and reread["total"] == 12000.0
    assert (round(reread["geometry"].x, 6), round(reread["geometry"].y, 6)) == (111.6805, 33.2322)
    whos = {row[0] for row in edit_log(path)}
    assert len(whos) == 1 and {row[3] for row in edit_log(path)} >= {"geometry", "status", "total"}


@pytest.mark.parametrize("answer,expected", [("Discard", "投产运营"), ("Save", "已竣工")])
def test_a_conflicting_save_is_shown(qtbot, window, tmp_path, answer, expected):
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "库.gpkg"
    register = window.register
    assert register.new_register(path)
    pid = register.session.frame["pid"].iloc[1]
    other = open_register(path)  # a second planner, in another window
    save_edits(other, [Edit(pid, "status", other.record(pid)["status"], "投产运营")], who="另一位规划师")
    register.session.change(pid, {"status": "已竣工"})
    window.dialogs.answer = getattr(QMessageBox.StandardButton, answer)
    register.save()
    title, text, _ = window.dialogs[-1]
    window.dialogs.answer = QMessageBox.StandardButton.Discard  # closing the window after the test saves nothing
    assert "他人" in title and "投产运营" in text and "已竣工" in text
    assert open_register(path).record(pid)["status"] == expected


def test_import_a_ledger_in_the_window_and_export_it(qtbot, window, tmp_path):
    import pandas as pd

    from ledgers import LEDGER

    sheet = tmp_path / "台账.xlsx"
    LEDGER.to_excel(sheet, index=False)
    assert window.register.import_ledger(sheet, tmp_path / "库.gpkg")
    title, text, _ = window.dialogs[-1]
    assert "已导入 4 个项目，其中 3 个待落图" in text and "第 5 行" in text and "不存在镇" in text
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", LAYER_ID) == 4, timeout=CEILING_MS)
    assert window.register.export_ledger(tmp_path / "出.xlsx")
    assert list(pd.read_excel(tmp_path / "出.xlsx")["项目名称"]) == list(LEDGER["项目名称"][[0, 1, 2, 6]])


def test_a_ledger_in_ordinary_wording_loses_no_row(qtbot, window, tmp_path):
    import pandas as pd

    words = ["前期", "已完工", "续建", "新开工", "谋划", "储备", "竣工", "停建"]
    pd.DataFrame({"项目名称": [f"项目{i}" for i in range(8)], "所在乡镇": ["回车镇"] * 8, "建设状态": words,
                  "总投资（亿元）": [1] * 8}).to_excel(tmp_path / "台账.xlsx", index=False)
    assert window.register.import_ledger(tmp_path / "台账.xlsx", tmp_path / "库.gpkg")
    _title, text, _ = window.dialogs[-1]
    assert "已导入 8 个项目" in text and "未导入" not in text
    assert "“停建”不在常用词表中（第 9 行）" in text
    frame = window.register.session.frame
    assert list(frame["status"]) == words and set(frame["total"]) == {10000.0}
    box = window.register.view_panel.boxes["stage"]
    assert [box.itemText(i) for i in range(box.count())] == ["全部", "谋划储备", "前期", "在建", "竣工", "其他"]
    box.setCurrentIndex(box.findData("在建"))
    assert window.register.view_panel.model.rowCount() == 2  # 续建 and 新开工


def test_cli_draws_a_register_on_a_snapshot(tmp_path):
    import subprocess
    import sys


    from ledgers import LEDGER

    LEDGER.to_excel(tmp_path / "t.xlsx", index=False)
    run = lambda *a: subprocess.run([sys.executable, "-m", "xixia_map", *map(str, a)], capture_output=True,  # noqa: E731
                                    text=True, timeout=180)
    assert run("register", "import", tmp_path / "t.xlsx", "--out", tmp_path / "r.gpkg").returncode == 0
    proc = run("export", "--out", tmp_path / "r.geojson", "--register", tmp_path / "r.gpkg", "--layers", "townships")
    assert proc.returncode == 0, proc.stderr
    import geopandas as gpd

    out = gpd.read_file(tmp_path / "r.geojson")
    assert set(out["layer"]) == {"townships", LAYER_ID} and (out["layer"] == LAYER_ID).sum() == 4
    proc = run("export", "--out", tmp_path / "r.png", "--register", tmp_path / "r.gpkg", "--size", "800x500")
    assert proc.returncode == 0 and (tmp_path / "r.png").stat().st_size > 10_000, proc.stderr


def test_the_lifecycle_view_filters_the_register_and_its_totals(qtbot, window, tmp_path):
    from ledgers import LEDGER

    sheet = tmp_path / "台账.xlsx"
    LEDGER.to_excel(sheet, index=False)
    assert window.register.import_ledger(sheet, tmp_path / "库.gpkg")
    panel = window.register.view_panel
    assert "4 个项目" in panel.totals.text() and "143%" in panel.reference.text()
    # 年度计划 5000+3000+1000+2000, 完成 4200+2990+150+1500
    assert "年度计划 11,000 万元" in panel.totals.text() and "完成 8,840 万元" in panel.totals.text()
    box = panel.boxes["stage"]
    box.setCurrentIndex(box.findData("在建"))
    assert "2 个项目" in panel.totals.text() and "完成率 90%" in panel.totals.text()  # 7190 / 8000
    assert panel.model.rowCount() == 2
    from PySide6.QtCore import Qt

    panel.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # 完成（万元）, as numbers: 2,990 before 4,200
    assert [panel.model.index(r, 5).data() for r in range(2)] == ["2,990", "4,200"]
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", LAYER_ID) == 2, timeout=CEILING_MS)
    assert window.map_view.call_sync("shownElements", LAYER_ID) == 2  # hidden on screen, not only counted
    box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", LAYER_ID) == 4, timeout=CEILING_MS)


def _click(view, x, y, button=None):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    # A move first: Geoman places a vertex where its hint marker follows the mouse.
    QTest.mouseMove(view.focusProxy(), QPoint(round(x) - 3, round(y) - 2))
    QTest.mouseMove(view.focusProxy(), QPoint(round(x), round(y)))
    QTest.mouseClick(view.focusProxy(), button or Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))


def _drag(qtbot, view, start, end):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    proxy = view.focusProxy()
    QTest.mousePress(proxy, Qt.MouseButton.LeftButton, pos=QPoint(*map(round, start)))
    for step in range(1, 11):
        QTest.mouseMove(proxy, QPoint(round(start[0] + (end[0] - start[0]) * step / 10),
                                      round(start[1] + (end[1] - start[1]) * step / 10)))
    QTest.mouseRelease(proxy, Qt.MouseButton.LeftButton, pos=QPoint(*map(round, end)))


def test_a_drag_moves_the_selected_project_not_the_one_stacked_on_it(qtbot, window, tmp_path):
    """Two 待落图 projects at 回车镇's seat: the planner selects the lower one and
    drags with the real mouse; only that one moves and is logged."""
    import pandas as pd

    pd.DataFrame({"项目名称": ["鹳河综合治理工程", "猕猴桃冷链物流中心"], "所在乡镇": ["回车镇", "回车镇"]}) \
        .to_excel(tmp_path / "台账.xlsx", index=False)
    register = window.register
    assert register.import_ledger(tmp_path / "台账.xlsx", tmp_path / "库.gpkg")
    view = window.map_view
    qtbot.waitUntil(lambda: view.call_sync("featureCount", LAYER_ID) == 2, timeout=CEILING_MS)
    frame = register.session.frame
    pids = dict(zip(frame["name"], frame["pid"]))
    seat = frame.geometry.iloc[0]
    register.edit_action.setChecked(True)
    view.call_sync("setViewNoAnim", seat.x, seat.y, 15)
    chosen, other = pids["鹳河综合治理工程"], pids["猕猴桃冷链物流中心"]  # the lower of the two
    view.select_feature(LAYER_ID, chosen, zoom=False)
    qtbot.waitUntil(lambda: view.call_sync("selectedId") == chosen, timeout=CEILING_MS)
    start = view.call_sync("featurePoint", LAYER_ID, chosen)
    assert start == view.call_sync("featurePoint", LAYER_ID, other)  # stacked on the same pixel
    with qtbot.waitSignal(view.feature_dragged, timeout=CEILING_MS) as dragged:
        _drag(qtbot, view, (start[0], start[1]), (start[0] + 120, start[1] + 60))
    assert dragged.args[1] == chosen
    assert register.session.register.record(other)["geometry"].equals(seat)
    assert not register.session.register.record(chosen)["geometry"].equals(seat)
    assert register.save()
    assert {row[2] for row in edit_log(tmp_path / "库.gpkg") if row[3] == "geometry"} == {chosen}


def test_draw_and_reshape_a_redline_with_the_mouse(qtbot, window, tmp_path):
    """A 红线 drawn with real clicks, then a vertex dragged, one added at a
    midpoint and one deleted by right-click; each is one undoable edit, and
    the saved polygon is what was drawn."""
    path = tmp_path / "库.gpkg"
    register = window.register
    assert register.new_register(path)
    view = window.map_view
    qtbot.waitUntil(lambda: view.call_sync("featureCount", LAYER_ID) == 11, timeout=CEILING_MS)
    window.resize(1400, 900)
    pid = register.session.frame["pid"].iloc[2]
    register.edit_action.setChecked(True)
    assert view.call_sync("clickFeature", LAYER_ID, pid)
    qtbot.waitUntil(lambda: window.current_selection() == (LAYER_ID, pid), timeout=CEILING_MS)
    star = register.session.register.record(pid)["geometry"]
    view.call_sync("setViewNoAnim", star.x, star.y, 16)
    wait_until_idle(view, CEILING_MS / 1000)
    assert register.draw_redline()
    cx, cy = view.call_sync("featurePointAt", star.y + 0.002, star.x - 0.003)  # away from the star itself
    corners = [(cx, cy), (cx + 160, cy), (cx + 160, cy + 120), (cx, cy + 120)]
    for placed, (x, y) in enumerate(corners, start=1):
        _click(view, x, y)
        qtbot.waitUntil(lambda n=placed: view.call_sync("drawnVertexCount") == n, timeout=CEILING_MS)
    with qtbot.waitSignal(view.drawing_ended, timeout=CEILING_MS):
        _click(view, *corners[0])  # back at the start closes the ring
    record = register.session.register.record(pid)
    area = record["geometry"]
    assert area.geom_type == "Polygon" and len(area.exterior.coords) == 5
    drawn = [view.call_sync("featurePointAt", y, x) for x, y in area.exterior.coords[:4]]
    assert all(abs(px - ex) < 2 and abs(py - ey) < 2 for (px, py), (ex, ey) in
               zip(sorted(drawn), sorted(corners)))
    assert record["placement"] == "已落图" and 5.5 < record["accuracy_m"] < 6.5  # 3 px at zoom 16: 2 m each
    qtbot.waitUntil(lambda: view.call_sync("vertexPoints", LAYER_ID, pid) is not None, timeout=CEILING_MS)

    # Drag a corner 40 px right and 30 px down.
    vertices = view.call_sync("vertexPoints", LAYER_ID, pid)
    corner = min(vertices, key=lambda p: abs(p[0] - corners[2][0]) + abs(p[1] - corners[2][1]))
    with qtbot.waitSignal(view.shape_edited, timeout=CEILING_MS):
        _drag(qtbot, view, corner, (corner[0] + 40, corner[1] + 30))
    moved = register.session.register.record(pid)["geometry"]
    assert len(moved.exterior.coords) == 5 and moved.area > area.area
    # Add a vertex: drag the midpoint marker of the top edge 25 px up.
    qtbot.waitUntil(lambda: view.call_sync("vertexPoints", LAYER_ID, pid) is not None, timeout=CEILING_MS)
    top = ((corners[0][0] + corners[1][0]) / 2, corners[0][1])
    with qtbot.waitSignal(view.shape_edited, timeout=CEILING_MS):
        _drag(qtbot, view, top, (top[0], top[1] - 25))
    added = register.session.register.record(pid)["geometry"]
    assert len(added.exterior.coords) == 6
    # Delete that vertex again with a right-click.
    qtbot.waitUntil(lambda: len(view.call_sync("vertexPoints", LAYER_ID, pid) or []) == 5, timeout=CEILING_MS)
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(view.shape_edited, timeout=CEILING_MS):
        _click(view, top[0], top[1] - 25, Qt.MouseButton.RightButton)
    assert len(register.session.register.record(pid)["geometry"].exterior.coords) == 5
    register.undo_action.trigger()  # the deleted vertex is back
    assert register.session.register.record(pid)["geometry"].equals(added)
    register.undo_action.trigger()
    register.undo_action.trigger()
    assert register.session.register.record(pid)["geometry"].equals(area)
    register.redo_action.trigger()
    assert register.save()
    reread = open_register(path).record(pid)
    assert reread["geometry"].equals_exact(moved, 1e-9)
    assert [row[3] for row in edit_log(path)].count("geometry") == 2  # drawn, then one vertex moved
    areas = int((register.session.frame.geom_type == "Polygon").sum())  # the 红线 and the development zone
    expected = len(register.session.frame) + areas  # a star each, and each area's outline
    qtbot.waitUntil(lambda: view.call_sync("shownElements", LAYER_ID) == expected, timeout=CEILING_MS)
    from xixia_map.data.register.words import stage_of

    stage = stage_of(register.session.register.record(pid)["status"])
    box = register.view_panel.boxes["stage"]
    box.setCurrentIndex(next(i for i in range(1, box.count()) if box.itemData(i) != stage))
    kept = register.session.frame[register.session.frame["status"].map(stage_of) == box.currentData()]
    others = len(kept) + int((kept.geom_type == "Polygon").sum())
    qtbot.waitUntil(lambda: view.call_sync("shownElements", LAYER_ID) == others, timeout=CEILING_MS)


def test_a_typed_position_places_the_project_with_its_precision(qtbot, window, tmp_path):
    from pyproj import Transformer

    from xixia_map.ui.position_dialog import PositionDialog

    register = window.register
    assert register.new_register(tmp_path / "库.gpkg")
    pid = register.session.frame["pid"].iloc[3]
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", LAYER_ID) == 11, timeout=CEILING_MS)
    register.edit_action.setChecked(True)
    assert window.map_view.call_sync("clickFeature", LAYER_ID, pid)
    qtbot.waitUntil(lambda: window.current_selection() == (LAYER_ID, pid), timeout=CEILING_MS)
    east, north = Transformer.from_crs(4326, 4525, always_xy=True).transform(111.51, 33.28)
    dialog = PositionDialog("zh", window)
    dialog.system.setCurrentIndex(dialog.system.findData("gk37"))
    dialog.east.setText("1e999")
    dialog.north.setText(f"{north:.1f}")
    dialog._accept()
    assert dialog.problem.text() == "东坐标“1e999”不是可用的数值" and dialog.position is None
    dialog.east.setText(f"{east:.1f}")
    dialog._accept()
    assert register.type_position(dialog)
    record = register.session.register.record(pid)
    assert abs(record["geometry"].x - 111.51) < 1e-6 and record["accuracy_m"] == 0.05
    assert record["placement"] == "已落图"


def test_monthly_progress_is_reported_from_the_lifecycle_view(qtbot, window, tmp_path):
    from PySide6.QtCore import QDate

    from ledgers import LEDGER
    from xixia_map.ui.register_dialog import MonthReportDialog

    sheet = tmp_path / "台账.xlsx"
    LEDGER.to_excel(sheet, index=False)
    path = tmp_path / "库.gpkg"
    register = window.register
    assert register.import_ledger(sheet, path)
    panel = register.view_panel
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", LAYER_ID) == 4, timeout=CEILING_MS)
    panel.table.clicked.emit(panel.model.index(0, 0))  # a row of the table selects the project on the map
    pid = panel.model.index(0, 0).data(0x0100)
    qtbot.waitUntil(lambda: window.current_selection() == (LAYER_ID, pid), timeout=CEILING_MS)
    assert panel.progress_pid == pid and panel.report_button.isEnabled()
    assert "完成 4,200 万元" in panel.progress_title.text() and "完成率 84%" in panel.progress_title.text()
    dialog = MonthReportDialog("", QDate(2026, 11, 1), window)
    dialog.amount.setValue(600)
    assert register.report_progress(pid, dialog)
    assert panel.progress.rowCount() == 1 and panel.progress.item(0, 0).text() == "2026-11"
    assert "完成 4,800 万元" in panel.progress_title.text() and "完成 9,440 万元" in panel.totals.text()  # 8,840 + 600
    details = [window.details.form.itemAt(i).widget().text() for i in range(window.details.form.count())
               if hasattr(window.details.form.itemAt(i).widget(), "text")]
    assert "4800.0" in details or "4,800" in " ".join(details) or "4800" in " ".join(details)  # not stale
    again = MonthReportDialog("", QDate(2026, 11, 1), window)
    again.amount.setValue(700)
    from PySide6.QtWidgets import QMessageBox

    window.dialogs.answer = QMessageBox.StandardButton.No  # the planner keeps the earlier figure
    assert not register.report_progress(pid, again)
    assert "已填报 600.0 万元" in window.dialogs[-1][1] and "改为 700.0 万元" in window.dialogs[-1][1]
    assert "完成 4,800 万元" in panel.progress_title.text()
    register.undo_action.trigger()
    assert panel.progress.rowCount() == 0 and "完成 4,200 万元" in panel.progress_title.text()
    register.redo_action.trigger()
    assert register.save()
    assert open_register(path).monthly(pid) == [("2026-11", 600.0)]


def test_the_dashboard_reads_the_register_against_the_documents(qtbot, window, tmp_path):
    from ledgers import LEDGER

    sheet = tmp_path / "台账.xlsx"
    LEDGER.to_excel(sheet, index=False)
    assert window.register.import_ledger(sheet, tmp_path / "库.gpkg")
    figures = window.indicators_panel.register_figures
    assert not figures.isHidden()
    rows = {figures.item(r, 0).text(): (figures.item(r, 1).text(), figures.item(r, 2).text())
            for r in range(figures.rowCount())}
    assert rows["项目数"] == ("4 个", "296个 · 年度目标（文件未注年份）")
    assert rows["年度计划投资"][0] == "1.10 亿元" and rows["年度计划投资"][1].startswith("350亿元以上")
    assert rows["省市重点项目完成投资占年度计划"][1] == "143% · 2024年截至11月底"
    # The imported 省/市重点 rows: 4200 + 2990 + 1500 of 5000 + 3000 + 2000 planned.
    assert rows["省市重点项目完成投资占年度计划"][0] == "87%"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_register_is_english_in_the_english_window(qtbot, window, tmp_path):
    """Module-level strings (the register, the export and project dialogs) are
    looked up where lupdate files them; before, 19+ of them stayed Chinese."""
    from PySide6.QtCore import Qt

    from xixia_map.ui.i18n import tr

    assert window.register.new_register(tmp_path / "库.gpkg")
    window.register.edit_action.setChecked(True)
    window.set_language("en")
    try:
        assert window.register.edit_action.isChecked()  # the rebuilt menu keeps the mode
        menus = [t for m in window.menuBar().actions() if m.menu() for t in menu_texts(m.menu())]
        assert "Project register" in menus
        assert "Draw the selected project's red line (click each corner, click the first to finish)" in menus
        panel = window.register.view_panel
        shown = [panel.form.labelForField(b).text() for b in panel.boxes.values()]
        shown += [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.model.columnCount())]
        shown += [panel.totals.text(), panel.progress_group.title(), panel.report_button.text(),
                  window.register.dock.windowTitle(), panel.reference.text()]
        shown += [panel.boxes["stage"].itemText(i) for i in range(panel.boxes["stage"].count())]
        figures = window.indicators_panel.register_figures
        shown += [figures.item(r, 0).text() for r in range(figures.rowCount())]
        chinese = [t for t in menus + shown if _has_chinese(t) and t not in ("中文",)]
        assert chinese == []
        assert tr("导出数据") == "Export data" and tr("保存项目") == "Save project"
        assert panel.totals.text().startswith("Filtered: 11 projects")
        figures = window.indicators_panel.register_figures
        money = [figures.item(r, 1).text() for r in range(figures.rowCount()) if "yuan" in figures.item(r, 1).text()]
        assert money and all(t.endswith("bn yuan") for t in money)  # one unit, as the documents' column
        pid = window.register.session.frame["pid"].iloc[0]
        window.map_view.select_feature(LAYER_ID, pid, zoom=False)
        qtbot.waitUntil(lambda: window.current_selection() == (LAYER_ID, pid), timeout=CEILING_MS)
        form = window.details.form
        labels = [form.itemAt(i, form.ItemRole.LabelRole).widget().text() for i in range(form.rowCount())
                  if form.itemAt(i, form.ItemRole.LabelRole) is not None]
        assert labels and [t for t in labels if _has_chinese(t)] == []  # the register's fields named in English
    finally:
        window.set_language("zh")
    assert window.register.view_panel.totals.text().startswith("筛选结果：11 个项目")


def test_a_closed_register_panel_comes_back_from_the_menu(qtbot, window, tmp_path):
    assert window.register.new_register(tmp_path / "库.gpkg")
    window.register.dock.close()
    assert not window.register.dock.isVisible()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "项目库")
    next(a for a in menu.actions() if a.text() == "显示项目库面板").trigger()
    qtbot.waitUntil(window.register.dock.isVisible, timeout=CEILING_MS)
