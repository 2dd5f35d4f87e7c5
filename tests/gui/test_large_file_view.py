"""A large layer from a file in the real view, table and export: drawn from its
store in the 三调 colours, identified on click, classes switched off, the table
paged from the file, and the layer in a PNG export (not timed)."""
from ceilings import CEILING_MS
import io
import json

import numpy as np
import pyogrio
import pytest
from big_layers import HOSTILE, tessellation
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pyproj import Transformer

from xixia_map.data.large import opening
from xixia_map.data.user_layers import layer_from_file
from xixia_map.map.capture import stable_grab, wait_until_idle


@pytest.fixture
def file_layer(tmp_path, monkeypatch, bundled_layers):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    frame = tessellation()
    path = tmp_path / "dltb.gpkg"
    pyogrio.write_dataframe(frame, path, layer="DLTB", driver="GPKG")
    layer = layer_from_file(path, bundled_layers.ids(), layer="DLTB")
    assert layer.streamed
    return layer, frame


@pytest.fixture
def view_with_file_layer(qtbot, bundled_layers, file_layer):
    from xixia_map.map.view import MapView

    layer, frame = file_layer
    view = MapView(bundled_layers)
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    wait_until_idle(view)
    bundled_layers.append(layer)
    west, south, east, north = layer.bounds()
    view.fit_bounds(west, south, east, north)
    qtbot.waitUntil(lambda: (view.call_sync("tileCount", layer.id) or 0) > 0, timeout=CEILING_MS)
    wait_until_idle(view)
    yield view, layer, frame
    view.close()


def tile_colours(data: bytes) -> set:
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    return {rgba[:3] for count, rgba in image.getcolors(1 << 20) if rgba[3] > 0 and count > 20}


def hex_rgb(value: str) -> tuple:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def pixels_of_class(image, layer, code: str, tolerance: int = 30) -> int:
    """Sampled pixels showing the class's fill as the page blends it over the map's background."""
    alpha = float(layer.spec.style["fill_opacity"])
    fill = hex_rgb(layer.spec.style["color_by"]["values"][code]["color"])
    corner = image.pixelColor(image.width() - 3, image.height() - 3)  # outside the layer: the background
    want = [alpha * f + (1 - alpha) * b for f, b in zip(fill, (corner.red(), corner.green(), corner.blue()))]
    count = 0
    for x in range(0, image.width(), 5):
        for y in range(0, image.height(), 5):
            c = image.pixelColor(x, y)
            count += abs(c.red() - want[0]) + abs(c.green() - want[1]) + abs(c.blue() - want[2]) < tolerance
    return count


def test_tiles_carry_the_sandiao_colour_of_each_class_present(file_layer):
    from xixia_map.map.store_tiles import StoreTiles

    layer, frame = file_layer
    tiles = StoreTiles(layer)
    import mercantile

    west, south, east, north = layer.bounds()
    tile = mercantile.tile((west + east) / 2, (south + north) / 2, 13)
    colours = tile_colours(tiles.render(tile.z, tile.x, tile.y))
    wanted = {hex_rgb(entry["color"]) for entry in layer.spec.style["color_by"]["values"].values()}
    assert wanted <= colours  # every class's fill is on the tile
    hidden = "0301"
    layer.hidden_classes = frozenset({hidden})
    without = tile_colours(StoreTiles(layer).render(tile.z, tile.x, tile.y))
    assert hex_rgb(layer.spec.style["color_by"]["values"][hidden]["color"]) not in without
    assert wanted - {hex_rgb(layer.spec.style["color_by"]["values"][hidden]["color"])} <= without


def test_tiles_of_the_wide_zooms_are_kept_on_disk_per_style(file_layer, monkeypatch):
    from xixia_map.map.store_tiles import StoreTiles

    layer, _frame = file_layer
    import mercantile

    west, south, east, north = layer.bounds()
    tile = mercantile.tile(west, north, 11)
    first = StoreTiles(layer).render(tile.z, tile.x, tile.y)
    again = StoreTiles(layer)
    monkeypatch.setattr(again, "_render", lambda *a: pytest.fail("drawn again, not read from disk"))
    assert again.render(tile.z, tile.x, tile.y) == first
    layer.hidden_classes = frozenset({"0101"})
    other = StoreTiles(layer)
    assert other.disk != again.disk  # another style: tiles of its own


def test_the_view_draws_the_layer_and_a_click_identifies_the_parcel(qtbot, view_with_file_layer):
    view, layer, frame = view_with_file_layer
    image = stable_grab(view)
    assert pixels_of_class(image, layer, "0301") > 1000 and pixels_of_class(image, layer, "1101") > 1000
    to_lonlat = Transformer.from_crs(4525, 4326, always_xy=True)
    row = 7  # the parcel whose 坐落单位 is hostile text
    point = frame.geometry.iloc[row].representative_point()
    lon, lat = to_lonlat.transform(point.x, point.y)
    view.call_sync("setViewNoAnim", lon, lat, 17)
    wait_until_idle(view)
    xy = json.loads(view.evaluate("JSON.stringify(window.xixia._state.map.latLngToContainerPoint([%f, %f]))"
                                  % (lat, lon)))
    with qtbot.waitSignal(view.feature_selected, timeout=CEILING_MS) as blocker:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(xy["x"]), round(xy["y"])))
    record = blocker.args[0]
    assert record["_layer"] == layer.id and record["id"] == str(row + 1)
    assert record["ZLDWMC"] == HOSTILE and record["BSM"] == frame["BSM"].iloc[row]
    assert view.evaluate("window.xixia._state.geometryHighlight !== null")
    assert view.blocked_requests == 0


def test_switching_a_class_off_redraws_the_map_without_it(qtbot, view_with_file_layer, bundled_layers):
    view, layer, _frame = view_with_file_layer
    bundled_layers.set_class_visible(layer.id, "0301", False)
    qtbot.waitUntil(lambda: (view.call_sync("tileCount", layer.id) or 0) > 0, timeout=CEILING_MS)
    wait_until_idle(view)
    image = stable_grab(view)
    assert pixels_of_class(image, layer, "0301") < 50 and pixels_of_class(image, layer, "1101") > 1000


def test_the_attribute_table_pages_rows_from_the_file(qtbot, file_layer, bundled_layers):
    from xixia_map.ui.attribute_table import AttributeTables

    layer, frame = file_layer
    bundled_layers.append(layer)
    tables = AttributeTables(bundled_layers, "zh")
    qtbot.addWidget(tables)
    tables.show()
    tables.show_layer(layer.id)
    table = tables.tables[layer.id]
    model = table.model
    assert model.rowCount() == len(frame)
    column = model.columns.index("BSM")
    assert [model.index(r, column).data() for r in (0, 5, len(frame) - 1)] == \
        [frame["BSM"].iloc[0], frame["BSM"].iloc[5], frame["BSM"].iloc[-1]]
    assert model.index(7, model.columns.index("ZLDWMC")).data() == HOSTILE
    chosen = []
    table.feature_chosen.connect(lambda layer_id, fid: chosen.append(fid))
    table.view.selectRow(11)
    assert chosen == ["12"]
    assert table.select_feature("300") and table.view.currentIndex().row() == 299
    table.filter_edit.setText("岛")
    QTest.keyClick(table.filter_edit, Qt.Key.Key_Return)
    assert model.rowCount() == 1 and model.index(0, column).data() == "ISLAND"
    table.filter_edit.clear()
    assert model.rowCount() == len(frame)
    assert str(layer.feature_count) in tables.tabText(tables.indexOf(table))


def test_a_png_export_draws_the_large_layer(qapp, bundled_layers, file_layer):
    from xixia_map.export.snapshot import SnapshotRequest, render_map

    layer, _frame = file_layer
    bundled_layers.append(layer)
    image, state = render_map(bundled_layers, SnapshotRequest(800, 600, bounds=layer.bounds()))
    assert pixels_of_class(image, layer, "0301") > 1000 and state["blocked_requests"] == 0


def test_whole_layer_data_export_is_refused_plainly_and_a_selection_is_written(bundled_layers, file_layer, tmp_path):
    from xixia_map.data.errors import DataError
    from xixia_map.export.data_export import selection_frame

    layer, frame = file_layer
    with pytest.raises(DataError) as refused:
        selection_frame([layer])
    assert "ogr2ogr" in refused.value.one_line("zh") and "要素" in refused.value.one_line("zh")
    chosen = selection_frame([layer], {layer.id: ["8", "9"]})
    assert chosen["BSM"].tolist() == frame["BSM"].iloc[7:9].tolist()
    assert np.isclose(chosen.total_bounds[0], 111.4, atol=0.2)
