"""The layer tree is the drawing order, as in QGIS: drag a layer or a group,
move it from its menu, rename it; the map's panes, the legend and the sheet
follow. A new DOM goes above the reference layers, so the county's tint
never veils it."""
from ceilings import CEILING_MS
import subprocess

import pytest

import planner_files as pf
from windows import open_and_wait
from xixia_map.data.layer_order import dropped, tree_runs

RUNS = [("admin", ["townships"]), ("development", ["projects", "facilities"]), ("water", ["rivers"]),
        ("reference", ["county", "neighbours"])]


def test_a_layer_dropped_in_another_group_joins_it_where_it_was_dropped():
    runs = dropped(RUNS, "layer", "county", "development", 1)
    assert runs == [("admin", ["townships"]), ("development", ["projects", "county", "facilities"]),
                    ("water", ["rivers"]), ("reference", ["neighbours"])]


def test_a_layer_moved_down_in_its_group_lands_below_the_row_it_was_dropped_above():
    assert dropped(RUNS, "layer", "projects", "development", 2)[1] == ("development", ["facilities", "projects"])
    assert dropped(RUNS, "layer", "facilities", "development", 0)[1] == ("development", ["facilities", "projects"])


def test_a_group_moves_as_a_whole_and_an_emptied_group_goes():
    assert [g for g, _ in dropped(RUNS, "group", "reference", None, 0)] == ["reference", "admin", "development", "water"]
    assert [g for g, _ in dropped(RUNS, "group", "admin", None, 4)] == ["development", "water", "reference", "admin"]
    assert [g for g, _ in dropped(RUNS, "layer", "rivers", "admin", 0)] == ["admin", "development", "reference"]


def test_a_drop_between_groups_goes_to_the_top_of_the_group_below_or_the_bottom_of_the_last():
    assert dropped(RUNS, "layer", "townships", None, 2)[1] == ("water", ["townships", "rivers"])
    assert dropped(RUNS, "layer", "townships", None, 4)[-1] == ("reference", ["county", "neighbours", "townships"])


def _z(view, layer_id):
    return view.call_sync("layerZ", layer_id)


def test_the_tree_order_is_the_map_order(qtbot, window):
    view, layers, model = window.map_view, window.layers, window.layers_panel.model
    assert [g for g, _ in tree_runs(layers)][-1] == "reference"  # the reference fills at the bottom
    assert _z(view, "townships") > _z(view, "projects") > _z(view, "roads") > _z(view, "county")
    model.move_layer("projects", "bottom")  # 图层顺序 → 移到组内最下
    assert _z(view, "facilities") > _z(view, "projects")
    # the group 县域与周边 dragged to the top of the tree (the drop the tree view makes)
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    reference = next(i for i in groups if i.data(model.GROUP_ROLE) == "reference")
    model.dropMimeData(model.mimeData([reference]), model.supportedDropActions(), 0, 0, groups[0].parent())
    qtbot.waitUntil(lambda: layers.ids()[-1] in ("county", "neighbours"), timeout=CEILING_MS)
    qtbot.waitUntil(lambda: _z(view, "county") > _z(view, "townships"), timeout=CEILING_MS)
    assert model.index(0, 0).data(model.GROUP_ROLE) == "reference"  # the tree shows it


def test_a_dom_goes_above_the_reference_layers_and_is_not_veiled(qtbot, window, tmp_path):
    from xixia_map.map.capture import stable_grab, wait_until_idle

    layer_id = open_and_wait(qtbot, window, pf.rgb_geotiff(tmp_path / "正射影像.tif"))
    runs = tree_runs(window.layers)
    assert runs[-2] == ("imagery", [layer_id]) and runs[-1][0] == "reference"
    view = window.map_view
    assert _z(view, "county") < _z(view, layer_id) < _z(view, "roads")
    # the imagery's red half, seen through nothing: pure red, not the county's pink tint over it
    from pyproj import Transformer

    lon, lat = Transformer.from_crs(4525, 4326, always_xy=True).transform(pf.IMAGE_EDGE_E - 500, pf.IMAGE_NORTH - 1000)
    view.set_basemap("none")
    view.call_sync("setViewNoAnim", lon, lat, 16)
    wait_until_idle(view)
    image = stable_grab(view)
    x, y = view.call_sync("featurePointAt", lat, lon)
    colours = [image.pixelColor(round(x) + dx, round(y) + dy) for dx in (-30, 0, 30) for dy in (-30, 0, 30)]
    red = [c for c in colours if c.red() >= 210 and c.green() <= 20 and c.blue() <= 20]
    assert len(red) >= 7, [c.name() for c in colours]


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                    reason="poppler-utils not installed")
def test_a_renamed_layer_keeps_its_name_in_the_tree_and_on_the_sheet(qtbot, window, tmp_path):
    from xixia_map.export.report import ReportRequest, write_report

    window.layers.rename("facilities", "城建十大工程")
    item = window.layers_panel.model.item_for("facilities")
    assert item.text().startswith("城建十大工程 (")
    out = tmp_path / "sheet.pdf"
    write_report(window.layers, ReportRequest("测试", "A4", True, 100), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "城建十大工程" in text


def test_a_style_change_keeps_the_tree_open_as_it_was(qtbot, window):
    panel = window.layers_panel
    tree, model = panel.tree, panel.model
    index = model.indexFromItem(model.item_for("projects"))
    tree.setExpanded(index, True)
    panel.select_layer("projects")
    window.layers.set_identifiable("projects", False)  # a style event: the tree is rebuilt
    index = model.indexFromItem(model.item_for("projects"))
    assert tree.isExpanded(index) and panel.current_layer_id() == "projects"
