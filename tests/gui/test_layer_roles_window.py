"""The 占地分析 dock's layer roles in the window: a layer recognised only by its
fields is shown as a guess for the planner to confirm (plain text, no box); the
planner's choices are kept in the project file and are back when the project
is opened in a new window."""
import json

import geopandas as gpd
from ceilings import CEILING_MS
from shapely.geometry import box

from windows import make_window
from windows import open_and_wait
from xixia_map.ui.project_io import open_project, save_project_as

X0, Y0 = 37_545_000.0, 3_686_000.0


def _layers(tmp_path):
    cells = [box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100) for c in range(2)]
    gpd.GeoDataFrame({"DLBM": ["0101", "0301"], "QSDWMC": ["甲村", "乙村"]}, geometry=cells, crs=4525).to_file(
        tmp_path / "地块.gpkg")  # a land-use layer by its fields only: a guess
    gpd.GeoDataFrame({"JBNTTBBH": ["J1"]}, geometry=[box(X0, Y0, X0 + 150, Y0 + 100)], crs=4525).to_file(
        tmp_path / "YJJBNTTB.gpkg")  # named by its standard code: sure
    gpd.GeoDataFrame({"备注": ["划定"]}, geometry=[box(X0 - 500, Y0 - 500, X0 + 120, Y0 + 500)], crs=4525).to_file(
        tmp_path / "边界2035.gpkg")  # named otherwise: the planner says what it is


def test_roles_are_guessed_confirmed_and_kept_in_the_project(qtbot, window, catalog, tmp_path):
    _layers(tmp_path)
    ids = {name: open_and_wait(qtbot, window, tmp_path / f"{name}.gpkg") for name in ("地块", "YJJBNTTB", "边界2035")}
    window.show_landtake()
    dock = window.landtake
    assert dock.boxes["landuse"].currentData() == ids["地块"]
    assert dock.boxes["farmland"].currentData() == ids["YJJBNTTB"]
    assert dock.boxes["dev_boundary"].currentData() is None
    assert dock.guesses.isVisible() and "地块" in dock.guesses.text() and "地类图斑" in dock.guesses.text()
    assert "YJJBNTTB" not in dock.guesses.text()  # named by its code: not a guess
    assert not window.dialogs  # said beside the boxes, not in a message box

    boundary = dock.boxes["dev_boundary"]  # the planner picks the development boundary
    boundary.setCurrentIndex(boundary.findData(ids["边界2035"]))
    boundary.activated.emit(boundary.currentIndex())
    assert window.isWindowModified()
    project = tmp_path / "占地.xixia.json"
    assert save_project_as(window, project) == project
    saved = json.loads(project.read_text(encoding="utf-8"))["roles"]
    assert saved["landuse"]["confirmed"] is False and saved["dev_boundary"]["confirmed"] is True

    other = make_window(qtbot, catalog)
    other.dialogs = window.dialogs
    assert open_project(other, project) == []
    other.show_landtake()
    reopened = other.landtake
    titles = {role: reopened.boxes[role].currentText() for role in ("landuse", "farmland", "dev_boundary")}
    assert titles == {"landuse": "地块", "farmland": "YJJBNTTB", "dev_boundary": "边界2035"}
    assert reopened.guesses.isVisible() and "地块" in reopened.guesses.text()  # still a guess until confirmed
    landuse = reopened.boxes["landuse"]
    landuse.activated.emit(landuse.currentIndex())  # the planner confirms it
    assert not reopened.guesses.isVisible() and not reopened.guesses.text()
    qtbot.waitUntil(lambda: other.isWindowModified(), timeout=CEILING_MS)
    other.unsaved.clear()
    other.close()


def test_a_malformed_role_in_the_file_is_said_and_guessed_again(tmp_path):
    from xixia_map.data.project import load_project

    path = tmp_path / "p.xixia.json"
    path.write_text(json.dumps({"format": "xixia-map-project", "version": 1, "roles": {
        "farmland": {"layer": "#0", "confirmed": True}, "landuse": {"layer": 5, "confirmed": "yes"},
        "nonsense": {"layer": "#1", "confirmed": True}}}), encoding="utf-8")
    project = load_project(path)
    assert project.roles == {"farmland": {"layer": "#0", "confirmed": True}}
    said = [p.one_line("zh") for p in project.problems]
    assert len(said) == 2 and any("地类图斑" in line for line in said)
