"""Text from a file is data in every export, never template code: nothing it
says runs, and it comes out verbatim (HTML, PDF, CSV, GeoPackage, GeoJSON)."""
from ceilings import CEILING_MS
import json
import subprocess
import sys

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hostile_corpus import HOSTILE
from xixia_map.data.user_layers import layer_from_file
from xixia_map.export.data_export import ShapefileWouldCut, selection_frame, write_features
from xixia_map.export.html_export import standalone_html


@pytest.fixture
def hostile_file(tmp_path):
    canary = tmp_path / "CANARY"
    texts = dict(HOSTILE, canary="{{ lipsum.__globals__['os'].popen('touch %s').read() }}" % canary,
                 canary_block="{%% for x in [1] %%}{{ lipsum.__globals__['os'].popen('touch %s') }}{%% endfor %%}" % canary)
    frame = gpd.GeoDataFrame({"name": list(texts.values()), "key": list(texts)},
                             geometry=[Point(111.40 + i * 0.01, 33.30) for i in range(len(texts))], crs=4326)
    path = tmp_path / "投资额 {{待定}} 万元.geojson"
    frame.to_file(path)
    return path, texts, canary


def _script_json(text: str) -> str:
    from xixia_map.map.page import config_to_js

    return config_to_js(text)[1:-1]


def test_html_export_keeps_template_text_as_data(hostile_file, bundled_layers):
    path, texts, canary = hostile_file
    bundled_layers.append(layer_from_file(path, taken=bundled_layers.ids()))
    html = standalone_html(bundled_layers, title="{{ 7*7 }} 标题 {% x")
    assert not canary.exists()
    assert "uid=" not in html and "{{ 7*7 }} 标题 {% x" in html.split("<title>")[1]
    for key, text in texts.items():
        assert _script_json(text) in html, key
    assert _script_json("投资额 {{待定}} 万元") in html
    # nothing file-derived can close the script element or open markup
    body = html.split("window.xixia.init(")[1].split("</script>")[0]
    assert "<" not in body and "\u2028" not in body and "\u2029" not in body


def test_html_export_from_the_cli_runs_nothing(hostile_file, tmp_path):
    path, texts, canary = hostile_file
    out = tmp_path / "x.html"
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "export", "--out", str(out), "--add-layer", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not canary.exists() and "Traceback" not in proc.stderr
    html = out.read_text(encoding="utf-8")
    assert all(_script_json(text) in html for text in texts.values())


def test_data_exports_are_verbatim(hostile_file, tmp_path):
    path, texts, canary = hostile_file
    layer = layer_from_file(path)
    for suffix in (".gpkg", ".geojson", ".csv"):
        out = tmp_path / f"out{suffix}"
        write_features(selection_frame([layer], None), out, "wkt")
        if suffix == ".csv":
            import pandas as pd

            back = pd.read_csv(out, dtype=str, keep_default_na=False)
        else:
            back = gpd.read_file(out)
        got = dict(zip(back["key"], back["name"]))
        assert got == texts, suffix
    assert not canary.exists()


def test_pdf_export_prints_the_text_verbatim(hostile_file, tmp_path):
    path, texts, canary = hostile_file
    out = tmp_path / "x.pdf"
    title = "{{ 7*7 }} 西峡 {% 以批复为准"
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "export", "--out", str(out), "--add-layer", str(path),
                           "--title", title], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "{{ 7*7 }} 西峡 {% 以批复为准" in text
    assert "投资额 {{待定}} 万元" in text  # the layer's title in the legend
    assert not canary.exists()


def test_toggling_layers_after_an_export_from_the_window(qtbot, catalog, tmp_path, monkeypatch):
    """The snapshot view used by a PNG export must leave the window's layer list."""
    from windows import make_window
    from xixia_map.export.snapshot import SnapshotRequest, render_map

    window = make_window(qtbot, catalog)
    before = window.layers.listener_count()
    image, _ = render_map(window.layers, SnapshotRequest(400, 300))
    assert not image.isNull()
    # The snapshot view is deleted once control returns to the event loop, and its listeners with it.
    qtbot.waitUntil(lambda: window.layers.listener_count() == before, timeout=CEILING_MS)
    frame = gpd.GeoDataFrame({"name": ["新图层"]}, geometry=[Point(111.48, 33.3)], crs=4326)
    frame.to_file(tmp_path / "new.geojson")
    window.layers.set_visible("roads", False)  # raised RuntimeError: MapView already deleted
    window.layers.append(layer_from_file(tmp_path / "new.geojson", taken=window.layers.ids()))
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", window.layers.ids()[-1]) == 1, timeout=CEILING_MS)
    assert window.map_view.evaluate("!window.xixia._state.map.hasLayer(window.xixia._state.layers.roads)")


def test_layer_list_listeners_are_weak_and_can_disconnect(bundled_layers):
    """A view's bound method is held weakly (a view gone is not called), a
    function until it disconnects; a layer taken out is no longer relayed."""
    import gc

    layers = bundled_layers
    seen = []

    class View:
        def on(self, layer):
            seen.append(layer.id)

    view = View()
    layers.events.visible.connect(view.on)
    layers.set_visible("roads", False)
    del view
    gc.collect()
    layers.set_visible("roads", True)
    handler = layers.events.visible.connect(lambda layer: seen.append("function " + layer.id))
    layers.set_visible("county", False)
    layers.events.visible.disconnect(handler)
    layers.set_visible("county", True)
    assert seen == ["roads", "function county"] and layers.listener_count() == 0
    roads = layers["roads"]
    layers.events.visible.connect(seen.append)
    layers.remove("roads")
    roads.visible = False  # the layer's own event, no longer the list's
    layers.set_visible("county", False)
    assert seen[-1] is layers["county"] and len(seen) == 3


def test_map_labels_show_the_text_verbatim(qtbot, hostile_file, bundled_layers):
    """PNG exports are grabs of the page, whose labels are set with textContent:
    the label elements hold the planner's text exactly, markup and braces included."""
    import dataclasses

    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.view import MapView

    path, texts, canary = hostile_file
    layer = layer_from_file(path, taken=bundled_layers.ids())
    layer.spec = dataclasses.replace(layer.spec, label_mode="permanent", label_field="name")
    for other in bundled_layers:
        other.visible = False
    bundled_layers.append(layer)
    view = MapView(bundled_layers, bounds=(111.38, 33.25, 111.58, 33.35))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    wait_until_idle(view)
    qtbot.waitUntil(lambda: view.call_sync("featureCount", layer.id) == len(texts), timeout=CEILING_MS)
    shown = json.loads(view.evaluate(
        "JSON.stringify(Array.from(document.querySelectorAll('.leaflet-tooltip')).map(e => e.textContent))"))
    assert sorted(shown) == sorted(texts.values())
    marks = "document.querySelectorAll('.leaflet-tooltip img, .leaflet-tooltip a, .leaflet-tooltip b').length"
    assert view.evaluate(marks) == 0
    assert not canary.exists()
    view.close()


def test_shapefile_and_dxf_exports_round_trip(bundled_layers, tmp_path):
    """Zipped Shapefile in GBK (with its .cpg) or UTF-8, and a DXF in GK zone 37
    metres: read back by the app's own readers with the same text and places."""
    import zipfile

    visible = [layer for layer in bundled_layers if layer.id in ("townships", "roads")]
    frame = selection_frame(visible, None)
    out = tmp_path / "乡镇.zip"
    with pytest.raises(ShapefileWouldCut, match="in 'source'"):  # the townships' sources are long
        write_features(frame, out, shapefile_encoding="GBK")
    assert not out.exists()
    write_features(frame, out, shapefile_encoding="GBK", shapefile_accept_cuts=True)
    with zipfile.ZipFile(out) as archive:
        assert archive.read("townships_point.cpg").decode() == "GBK"
        assert "回车镇".encode("gbk") in archive.read("townships_point.dbf")
    back = layer_from_file(out, layer="townships_point.shp")
    assert sorted(back.frame["name_zh"]) == sorted(bundled_layers["townships"].frame["name_zh"])
    write_features(frame, tmp_path / "utf8.zip", shapefile_encoding="UTF-8", shapefile_accept_cuts=True)
    assert sorted(layer_from_file(tmp_path / "utf8.zip", layer="townships_point.shp").frame["name_zh"]) == \
        sorted(bundled_layers["townships"].frame["name_zh"])
    emoji = frame.copy()
    emoji.loc[0, "name_zh"] = "🏗️ 工地"
    from xixia_map.data.errors import DataError

    with pytest.raises(DataError, match="GBK cannot hold") as refused:
        write_features(emoji, tmp_path / "bad.zip", shapefile_encoding="GBK", shapefile_accept_cuts=True)
    assert "GBK 编码无法表示" in refused.value.one_line("zh") and "name_zh" in refused.value.one_line("zh")
    assert not (tmp_path / "bad.zip").exists()
    dxf = tmp_path / "图.dxf"
    write_features(frame, dxf, labels={"townships": ("乡镇", "name_zh"), "roads": ("国道", "ref")})
    text = layer_from_file(dxf, layer="文字", assume_crs=4525)
    assert set(text.frame["Layer"]) == {"乡镇"}
    assert sorted(text.frame["Text"]) == sorted(frame[frame.layer == "townships"]["name_zh"])
    points = layer_from_file(dxf, layer="点", assume_crs=4525).frame
    original = bundled_layers["townships"].frame.geometry
    got = sorted((round(p.x, 6), round(p.y, 6)) for p in points.geometry)
    want = sorted((round(p.x, 6), round(p.y, 6)) for p in original)
    assert got == want  # through GK zone 37 and back, to a micro-degree
