"""Styling any layer: single, categorised and graduated colours, labels; drawn
on the map (vector and large tiled layers), in the legend, and kept in the project."""
from ceilings import CEILING_MS
import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point

from windows import open_and_wait
from xixia_map.data.styling import StyleChoice, build_style, class_index, graduated_rule
from xixia_map.map.capture import stable_grab, wait_until_idle
from xixia_map.map.legend import legend_entries
from xixia_map.ui.style_dialog import StyleDialog, apply_choice


def _frame(n=100):
    rng = np.random.default_rng(1)
    return gpd.GeoDataFrame({"投资": rng.gamma(2, 500, n), "类型": rng.choice(["工业", "文旅", "农业"], n)},
                            geometry=[Point(111.4 + 0.001 * i, 33.3) for i in range(n)], crs=4326)


@pytest.mark.parametrize("method", ["equal_interval", "quantiles", "natural_breaks"])
def test_graduated_classes_cover_every_value(method):
    frame = _frame(500)
    rule = graduated_rule(frame, "投资", method, 5)
    assert len(rule["breaks"]) == len(rule["colors"]) == len(rule["labels"]) == 5
    assert rule["breaks"] == sorted(rule["breaks"]) and rule["breaks"][-1] == pytest.approx(frame["投资"].max())
    index = class_index(frame["投资"], rule)
    assert (index >= 0).all() and set(index) == set(range(5))
    if method == "quantiles":
        assert np.bincount(index).min() >= 90  # about a fifth each


def test_natural_breaks_on_a_large_layer_is_deterministic():
    rng = np.random.default_rng(2)
    frame = gpd.GeoDataFrame({"v": np.concatenate([rng.normal(10, 1, 30000), rng.normal(50, 2, 30000)])},
                             geometry=[Point(0, 0)] * 60000, crs=4326)
    a = graduated_rule(frame, "v", "natural_breaks", 2)
    b = graduated_rule(frame, "v", "natural_breaks", 2)
    assert a == b and 12 < a["breaks"][0] < 45  # the gap between the two groups


def test_hostile_style_values_are_clamped():
    style = build_style(StyleChoice(fill="red; background:url(x)", stroke="#12345", width=1e9, size=-3,
                                    label_field="类型", label_size=999, label_color="<b>"), _frame(), "Point")
    assert style["fill"] == "#888888" and style["stroke"] == "#333333" and style["weight"] == 12
    assert style["radius"] == 2 and style["label"] == {"size": 48, "color": "#222222", "halo": True}


def test_styled_layer_in_the_window_map_legend_and_project(qtbot, window, tmp_path):
    path = tmp_path / "项目.geojson"
    frame = gpd.GeoDataFrame({"名称": ["甲", "乙", "丙"], "总投资": [10.0, 500.0, 9000.0]},
                             geometry=[shapely.box(111.40 + 0.03 * i, 33.28, 111.42 + 0.03 * i, 33.30) for i in range(3)],
                             crs=4326)
    frame.to_file(path)
    layer_id = open_and_wait(qtbot, window, path)
    dialog = StyleDialog(window.layers[layer_id], window)
    dialog.mode.setCurrentIndex(dialog.mode.findData("graduated"))
    assert dialog.field.findData("名称") == -1  # only numeric fields can be graduated
    dialog.field.setCurrentIndex(dialog.field.findData("总投资"))
    dialog.method.setCurrentIndex(dialog.method.findData("quantiles"))
    dialog.classes.setValue(3)
    dialog.opacity.setValue(100)
    dialog.label_field.setCurrentIndex(dialog.label_field.findData("名称"))
    apply_choice(window.layers, layer_id, dialog.choice())
    layer = window.layers[layer_id]
    rule = layer.spec.style["graduated"]
    assert layer.spec.label_field == "名称" and layer.spec.label_mode == "permanent"
    view = window.map_view
    qtbot.waitUntil(lambda: view.call_sync("featureCount", layer_id) == 3, timeout=CEILING_MS)
    for other in window.layers:
        if other.id != layer_id:
            window.layers.set_visible(other.id, False)
    view.set_basemap("none")
    view.call_sync("fitBounds", 111.39, 33.27, 111.50, 33.31)
    wait_until_idle(view)
    image = stable_grab(view)
    from PySide6.QtGui import QColor

    for i in range(3):  # each polygon in its class colour
        x, y = json.loads(view.evaluate("JSON.stringify(window.xixia._state.map.latLngToContainerPoint([33.285, %f]))"
                                        % (111.41 + 0.03 * i))).values()
        got, want = image.pixelColor(round(x), round(y)), QColor(rule["colors"][i])
        assert abs(got.red() - want.red()) + abs(got.green() - want.green()) + abs(got.blue() - want.blue()) < 40
    labels = json.loads(view.evaluate("JSON.stringify(Array.from(document.querySelectorAll('.xm-label span'))"
                                      ".map(e => [e.textContent, e.style.fontSize]))"))
    assert sorted(labels) == [["丙", "12px"], ["乙", "12px"], ["甲", "12px"]]
    assert [row[1] for row in legend_entries(layer.spec, "zh")] == rule["colors"]
    assert window.isWindowModified()
    from xixia_map.data.project import load_project
    from xixia_map.ui.project_io import save_project_as

    save_project_as(window, tmp_path / "p.xixia.json")
    entry = load_project(tmp_path / "p.xixia.json").layers[0]
    assert entry.style["graduated"] == rule and entry.label_field == "名称" and entry.label_mode == "permanent"


def test_large_layers_follow_graduated_styles():
    from xixia_map.map.layer_tiles import LayerTiles
    from xixia_map.data.catalog import LayerSpec
    from xixia_map.data.layers import VectorLayer

    n = 6000
    frame = gpd.GeoDataFrame({"id": [str(i) for i in range(n)], "v": np.arange(n, dtype=float)},
                             geometry=[shapely.box(111.4 + (i % 100) * 0.001, 33.3 + (i // 100) * 0.001,
                                                   111.4009 + (i % 100) * 0.001, 33.3009 + (i // 100) * 0.001)
                                       for i in range(n)], crs=4326)
    style = build_style(StyleChoice(mode="graduated", field="v", method="equal_interval", classes=3), frame, "Polygon")
    spec = LayerSpec(id="big", title_zh="big", title_en="big", path=None, geometry="Polygon", category="user",
                     style=style, label_field="id", detail_fields=(), group="user")
    tiles = LayerTiles(VectorLayer(spec=spec, frame=frame))
    index = class_index(frame["v"], style["graduated"])
    fills = tiles.fill_ink - 1
    assert set(np.unique(fills)) == {1, 2, 3} and (fills == index + 1).all()
