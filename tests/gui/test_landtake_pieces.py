"""Clicking a row of 占地分析's table draws that row's pieces of the site on the
real map (QtWebEngine): a 地类's, a control line's overlap, the whole site for
合计; a header row and Esc take them away."""
import geopandas as gpd
import pytest
from ceilings import CEILING_MS
from PySide6.QtCore import Qt
from shapely.geometry import box

from site_shapes import lonlat
from windows import open_and_wait

X0, Y0 = 37_545_000.0, 3_686_000.0
SITE = box(X0 + 50, Y0 + 10, X0 + 350, Y0 + 90)
FARMLAND = box(X0, Y0, X0 + 150, Y0 + 100)


def _click_row(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(table, column, text):
    return next(r for r in range(table.rowCount()) if table.item(r, column) and table.item(r, column).text() == text)


def _bounds_match(shown, geometry):
    return shown is not None and all(a == pytest.approx(b, abs=1e-7) for a, b in zip(shown["bounds"], lonlat(
        geometry).bounds))


def test_a_rows_pieces_are_drawn_on_the_map(qtbot, window, tmp_path):
    cells = [box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100) for c in range(4)]
    gpd.GeoDataFrame({"DLBM": ["0101", "0103", "0301", "0101"]}, geometry=cells, crs=4525).to_file(
        tmp_path / "DLTB.gpkg", layer="DLTB")
    gpd.GeoDataFrame({"JBNTTBBH": ["J1"]}, geometry=[FARMLAND], crs=4525).to_file(tmp_path / "YJJBNTTB.gpkg")
    gpd.GeoDataFrame({"名称": ["冷链物流中心"]}, geometry=[SITE], crs=4525).to_file(tmp_path / "红线.gpkg")
    for name in ("DLTB.gpkg", "YJJBNTTB.gpkg"):
        open_and_wait(qtbot, window, tmp_path / name)
    site = open_and_wait(qtbot, window, tmp_path / "红线.gpkg")
    window.show_landtake()
    dock = window.landtake
    window.map_view.select_feature(site, str(window.layers[site].frame["id"].iloc[0]), zoom=True)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.result is not None and not dock.jobs, timeout=CEILING_MS)
    view, table = window.map_view, dock.table
    assert view.call_sync("piecesShown") is None

    _click_row(qtbot, table, _row_of(table, 1, "0101"))  # two pieces: the first and the last parcel's
    qtbot.waitUntil(lambda: _bounds_match(view.call_sync("piecesShown"), SITE), timeout=CEILING_MS)
    assert view.call_sync("piecesShown")["count"] == 2
    _click_row(qtbot, table, _row_of(table, 1, "0103"))
    qtbot.waitUntil(lambda: _bounds_match(view.call_sync("piecesShown"), SITE.intersection(cells[1])),
                    timeout=CEILING_MS)
    _click_row(qtbot, table, _row_of(table, 0, "永久基本农田"))
    qtbot.waitUntil(lambda: _bounds_match(view.call_sync("piecesShown"), SITE.intersection(FARMLAND)),
                    timeout=CEILING_MS)
    _click_row(qtbot, table, _row_of(table, 0, "控制线"))  # the control lines' header: nothing
    qtbot.waitUntil(lambda: view.call_sync("piecesShown") is None, timeout=CEILING_MS)
    _click_row(qtbot, table, _row_of(table, 0, "合计"))
    qtbot.waitUntil(lambda: _bounds_match(view.call_sync("piecesShown"), SITE), timeout=CEILING_MS)
    qtbot.keyClick(view.focusProxy() or view, Qt.Key.Key_Escape)  # Esc clears the selection and the pieces
    qtbot.waitUntil(lambda: view.call_sync("piecesShown") is None, timeout=CEILING_MS)
