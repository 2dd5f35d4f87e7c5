"""In the window: the 占地分析 dock analyses an area drawn with the map's 测面积,
a corridor either side of a selected road and a selected township of a
boundary layer, and exports the A4 sheet; 项目库 → 按乡镇统计… counts the open
register's projects and investment by the township layer and writes the XLSX."""
import subprocess

import geopandas as gpd
import pytest
from ceilings import CEILING_MS
from pyproj import Transformer
from shapely.geometry import LineString, Point, box

from windows import open_and_wait

X0, Y0 = 37_545_000.0, 3_686_000.0
TO_LONLAT = Transformer.from_crs(4525, 4326, always_xy=True)
CODES = ["0101", "0103", "0301", "0702"]


@pytest.fixture
def landuse(tmp_path):
    cells = [box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100) for c in range(4)]
    gpd.GeoDataFrame({"DLBM": CODES, "DLMC": ["水田", "旱地", "乔木林地", "农村宅基地"]}, geometry=cells,
                     crs=4525).to_file(tmp_path / "DLTB.gpkg", layer="DLTB")
    gpd.GeoDataFrame({"JBNTTBBH": ["J1"]}, geometry=[box(X0, Y0, X0 + 150, Y0 + 100)], crs=4525).to_file(
        tmp_path / "YJJBNTTB.gpkg")
    return tmp_path


def _open_roles(qtbot, window, folder):
    for name in ("DLTB.gpkg", "YJJBNTTB.gpkg"):
        open_and_wait(qtbot, window, folder / name)
    window.show_landtake()
    return window.landtake


def _run(qtbot, dock):
    from PySide6.QtCore import Qt

    dock.result = None
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None and not dock.jobs, timeout=CEILING_MS)
    return dock.result


def test_an_area_drawn_on_the_map_is_analysed(qtbot, window, landuse):
    from PySide6.QtCore import Qt

    dock = _open_roles(qtbot, window, landuse)
    chooser = dock.site_chooser
    chooser.set_mode("drawn")
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)  # nothing drawn yet: said, not run
    assert "绘制范围" in dock.status.text() and not dock.jobs
    qtbot.mouseClick(chooser.draw_button, Qt.MouseButton.LeftButton)
    assert window.measure_actions["area"].isChecked()
    # 20 m to 180 m east, 0 to 100 m north: 80 m of 0101 and 80 m of 0103, 160 x 100 m in all
    for x, y in [(20, 0), (180, 0), (180, 100), (20, 100)]:
        lon, lat = TO_LONLAT.transform(X0 + x, Y0 + y)
        with qtbot.waitSignal(window.map_view.measured, timeout=CEILING_MS):
            window.map_view.call_sync("measureClickAt", lon, lat)
    result = _run(qtbot, dock)
    assert not window.measure_actions["area"].isChecked()  # the drawing ended; it stays on the map
    areas = {row.code: row.square_metres for row in result.rows}
    assert set(areas) == {"0101", "0103"}
    # the clicks are degrees as the page reports them (to ~1e-7°): areas to 1e-4
    assert areas["0101"] == pytest.approx(8000, rel=1e-3) and areas["0103"] == pytest.approx(8000, rel=1e-3)
    assert "占用耕地" in dock.findings.text() and dock.title == "绘制范围"


def test_a_corridor_either_side_of_a_selected_road_and_its_sheet(qtbot, window, landuse):
    road = landuse / "道路.gpkg"
    gpd.GeoDataFrame({"name": ["规划一路"]}, geometry=[LineString([(X0 + 20, Y0 + 50), (X0 + 380, Y0 + 50)])],
                     crs=4525).to_file(road)
    dock = _open_roles(qtbot, window, landuse)
    road_id = open_and_wait(qtbot, window, road)
    window.map_view.select_feature(road_id, str(window.layers[road_id].frame["id"].iloc[0]), zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    dock.site_chooser.set_mode("corridor")
    dock.site_chooser.corridor_width.setValue(15)
    result = _run(qtbot, dock)
    # 360 m of road, 15 m either side: 1.08 ha; 80 m of it in 0101 and 0702, 100 m in each of the others
    assert result.site_square_metres == pytest.approx(360 * 30, rel=1e-4)
    # the GK plane's 100 m cells are 99.9975 m on the ground here (scale 1.000 025): areas to 1e-4
    assert {r.code: r.square_metres for r in result.rows} == pytest.approx({"0101": 2400, "0103": 3000, "0301": 3000,
                                                                           "0702": 2400}, rel=1e-4)
    assert dock.title == "规划一路两侧各 15 米"
    assert "项目用地占用永久基本农田 0.3900 公顷（5.85 亩）" in dock.findings.text()  # 130 m x 30 m
    assert dock.sheet_button.isEnabled()
    from xixia_map.ui.landtake_sheet import export_sheet

    out = export_sheet(dock, landuse / "图纸.pdf")
    assert out is not None and not window.dialogs
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "规划一路两侧各 15 米占地分析图" in text and "1.0800" in text and "16.20" in text
    assert "两侧各 15 米的缓冲区" in text and "DLTB.gpkg" in text and "YJJBNTTB.gpkg" in text


def test_a_selected_township_is_analysed(qtbot, window, landuse):
    towns = landuse / "XZQ.gpkg"
    gpd.GeoDataFrame({"XZQMC": ["回车镇", "丁河镇"]}, geometry=[box(X0, Y0, X0 + 250, Y0 + 100),
                                                           box(X0 + 250, Y0, X0 + 400, Y0 + 100)],
                     crs=4525).to_file(towns)
    dock = _open_roles(qtbot, window, landuse)
    town_id = open_and_wait(qtbot, window, towns)
    frame = window.layers[town_id].frame
    window.map_view.select_feature(town_id, str(frame.loc[frame["XZQMC"] == "回车镇", "id"].iloc[0]), zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    result = _run(qtbot, dock)
    assert dock.title == "回车镇"
    assert {r.code: r.square_metres for r in result.rows} == pytest.approx({"0101": 10000, "0103": 10000,
                                                                           "0301": 5000}, rel=1e-4)


def test_the_register_by_township_from_the_menu(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    from xixia_map.data.register.store import create_register

    to_lonlat = TO_LONLAT.transform
    frame = gpd.GeoDataFrame({"pid": ["A1", "A2", "A3"], "name": ["冷链物流", "污水处理", "待落图"],
                              "township": ["回车镇", "回车镇", "丁河"], "total": [1200.0, 800.0, 300.0],
                              "annual_plan": [400.0, 200.0, 100.0], "completed": [100.0, 150.0, 0.0]},
                             geometry=[Point(*to_lonlat(X0 + 100, Y0 + 50)), Point(*to_lonlat(X0 + 300, Y0 + 50)),
                                       None], crs=4326)
    create_register(tmp_path / "库.gpkg", frame)
    assert window.register.open(tmp_path / "库.gpkg")
    gpd.GeoDataFrame({"XZQMC": ["回车镇", "丁河镇"]}, geometry=[box(X0, Y0, X0 + 250, Y0 + 100),
                                                           box(X0 + 250, Y0, X0 + 400, Y0 + 100)],
                     crs=4525).to_file(tmp_path / "XZQ.gpkg")
    open_and_wait(qtbot, window, tmp_path / "XZQ.gpkg")
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "项目库")
    action = next(a for a in menu.actions() if a.text() == "按乡镇统计…")
    action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "township_dialog", None) is not None and not window.township_jobs,
                    timeout=CEILING_MS)
    dialog = window.township_dialog
    rows = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())}
    assert list(rows)[:2] == ["回车镇", "丁河镇"]
    # A2 lies in 丁河镇 though its ledger says 回车镇; A3, not placed, goes by its ledger's 丁河
    assert rows["回车镇"][1:4] == ["1", "1", "1,200.00"] and rows["丁河镇"][1:4] == ["2", "1", "1,100.00"]
    assert rows["合计"][6] == "35.7%"  # 250 of 700 planned
    assert "XZQ.gpkg" in dialog.notes.text()
    out = dialog.export(tmp_path / "按乡镇.xlsx")
    sheet = load_workbook(out)["按乡镇"]
    huiche = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "回车镇")
    assert huiche[3].value == 1200 and huiche[3].data_type == "n"
    projects = {r[0].value: r for r in load_workbook(out)["项目"].iter_rows(min_row=2)}
    assert projects["A2"][6].value == "是" and projects["A3"][4].value == "按台账所填乡镇"
