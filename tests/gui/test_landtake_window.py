"""占地分析 in the window: the land-use layer and 永久基本农田 are recognised by
their standard names, the planner selects a 红线 on the map and presses the
dock's button; the table and the 符合性说明 appear, and the XLSX is written."""
import geopandas as gpd
from ceilings import CEILING_MS
from shapely.geometry import box

from windows import open_and_wait

X0, Y0 = 37_545_000.0, 3_686_000.0


def test_the_dock_analyses_the_selected_red_line(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    cells = [box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100) for c in range(4)]
    gpd.GeoDataFrame({"DLBM": ["0101", "0103", "0301", "0702"], "DLMC": ["水田", "旱地", "乔木林地", "农村宅基地"]},
                     geometry=cells, crs=4525).to_file(tmp_path / "DLTB.gpkg", layer="DLTB")
    gpd.GeoDataFrame({"JBNTTBBH": ["J1"]}, geometry=[box(X0, Y0, X0 + 150, Y0 + 100)], crs=4525).to_file(
        tmp_path / "YJJBNTTB.gpkg")
    gpd.GeoDataFrame({"名称": ["冷链物流中心"]}, geometry=[box(X0 + 50, Y0 + 10, X0 + 350, Y0 + 90)], crs=4525).to_file(
        tmp_path / "红线.gpkg")
    for name in ("DLTB.gpkg", "YJJBNTTB.gpkg"):
        open_and_wait(qtbot, window, tmp_path / name)
    site = open_and_wait(qtbot, window, tmp_path / "红线.gpkg")
    window.show_landtake()
    dock = window.landtake
    assert dock.boxes["landuse"].currentText() == "DLTB" and dock.boxes["farmland"].currentText() == "YJJBNTTB"
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)  # nothing selected yet: said, not run
    assert "选中一个面" in dock.status.text() and not dock.jobs
    window.map_view.select_feature(site, str(window.layers[site].frame["id"].iloc[0]), zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None and not dock.jobs, timeout=CEILING_MS)
    texts = [dock.table.item(r, 1).text() for r in range(dock.table.rowCount()) if dock.table.item(r, 1)]
    assert {"0101", "0103", "0301", "0702"} <= set(texts)
    assert "项目用地占用永久基本农田 0.8000 公顷（12.00 亩），占项目用地的 33.33%" in dock.findings.text()
    assert "占用耕地 1.1999 公顷（18.00 亩）" in dock.findings.text()  # 0101 and 0103, 60 m and 100 m wide
    out = dock.export(tmp_path / "报告.xlsx")
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames == ["说明", "地类", "控制线"]
