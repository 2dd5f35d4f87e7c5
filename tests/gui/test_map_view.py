"""The Leaflet map in a real, headless QtWebEngine."""
from ceilings import CEILING_MS
import json
import re

import geopandas as gpd
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from shapely.geometry import Point

from xixia_map.data.catalog import LayerSpec
from xixia_map.data.layers import LayerList, VectorLayer
from xixia_map.map.capture import stable_grab, wait_until_idle
from xixia_map.map.page import build_page


def test_page_loads_offline_with_no_outside_requests(map_view):
    assert map_view.blocked_requests == 0
    assert map_view.console_messages == []


def test_every_catalog_layer_is_drawn_with_its_feature_count(map_view, bundled_layers):
    for layer in bundled_layers:
        assert map_view.call_sync("featureCount", layer.id) == len(layer.frame), layer.id
    assert sorted(map_view.call_sync("visibleLayers")) == sorted(bundled_layers.ids())


def test_asset_urls_in_the_page_are_local(bundled_layers):
    html = build_page(bundled_layers)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "page references no assets"
    assert all(u.startswith(("xixia://app/", "qrc:///")) for u in urls), urls
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html


def test_js_click_on_huiche_delivers_the_record(qtbot, map_view):
    with qtbot.waitSignal(map_view.feature_selected, timeout=CEILING_MS) as blocker:
        assert map_view.call_sync("clickFeature", "townships", "huiche")
    record = blocker.args[0]
    assert record["name_zh"] == "回车镇" and record["_layer"] == "townships"
    assert "镇级小城市" in record["note"] and record["accuracy_m"] > 0
    assert map_view.call_sync("selectedId") == "huiche"


def test_real_mouse_click_selects_and_empty_click_clears(qtbot, map_view):
    x, y = map_view.call_sync("featurePoint", "townships", "taiping")
    target = map_view.focusProxy()
    with qtbot.waitSignal(map_view.feature_selected, timeout=CEILING_MS) as blocker:
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert blocker.args[0]["name_zh"] == "太平镇"
    with qtbot.waitSignal(map_view.selection_cleared, timeout=CEILING_MS):
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(60, 860))
    assert map_view.call_sync("selectedId") is None


def test_hide_show_and_opacity_keep_the_extent(map_view, bundled_layers):
    before = map_view.call_sync("viewState")
    map_view.set_visible("roads", False)
    assert "roads" not in map_view.call_sync("visibleLayers")
    assert not bundled_layers["roads"].visible
    map_view.set_opacity("parks", 0.3)
    map_view.set_visible("roads", True)
    assert "roads" in map_view.call_sync("visibleLayers")
    after = map_view.call_sync("viewState")
    for key in ("west", "south", "east", "north", "zoom"):
        assert after[key] == pytest.approx(before[key])
    opacity = map_view.evaluate(
        "window.xixia._state.features.parks.laojieling.options.opacity")
    assert opacity == pytest.approx(0.3)


def test_zoom_to_layer_and_feature(qtbot, map_view):
    map_view.zoom_to_layer("facilities")
    qtbot.waitUntil(lambda: map_view.call_sync("viewState")["zoom"] > 11, timeout=CEILING_MS)
    view = wait_until_idle(map_view)
    assert view["west"] <= 111.44 and view["east"] >= 111.55
    map_view.select_feature("townships", "zijin")  # a GeoNames point: zoomed in close
    qtbot.waitUntil(lambda: map_view.call_sync("viewState")["zoom"] >= 13, timeout=CEILING_MS)
    view = wait_until_idle(map_view)
    assert view["west"] < 111.4744 < view["east"] and view["south"] < 33.2892 < view["north"]
    assert map_view.call_sync("selectedId") == "zijin"


def test_grab_shows_the_map(map_view):
    image = stable_grab(map_view)
    assert image.width() == 1200
    # The county seat area holds red road and coloured symbols.
    reds = sum(1 for x in range(0, 1200, 4) for y in range(0, 900, 4)
               if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 80)
    assert reds > 50


HOSTILE = '<img src=x onerror="window.__pwned=1">'


def hostile_layers(tmp_path):
    frame = gpd.GeoDataFrame({
        "id": ["evil"], "name_zh": [HOSTILE], "name_en": ["</script><script>window.__pwned=2</script>"],
        "category": ["x"], "source": ["test"], "accuracy_m": [1.0],
    }, geometry=[Point(111.48, 33.30)], crs=4326)
    spec = LayerSpec(id="hostile", title_zh="恶意<b>", title_en="Hostile", path=tmp_path / "h.geojson",
                     geometry="Point", category="x", style={"marker": "circle", "fill": "red\" onload=\"x"},
                     label_field="name_zh", detail_fields=(), label_mode="permanent")
    return LayerList([VectorLayer(spec=spec, frame=frame)])


def test_hostile_attribute_text_does_not_execute(qtbot, tmp_path):
    from xixia_map.map.view import MapView

    view = MapView(hostile_layers(tmp_path))
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    wait_until_idle(view)
    assert view.call_sync("featureCount", "hostile") == 1
    assert view.evaluate("String(window.__pwned)") == "undefined"
    label = view.evaluate("document.querySelector('.xm-label').textContent")
    assert label == HOSTILE
    assert view.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0



def test_scheme_answers_only_known_get_paths(qtbot, map_view):
    script = """
      Promise.all([
        fetch('xixia://app/assets/leaflet/leaflet.js').then(r => r.status),
        fetch('xixia://app/assets/../../etc/passwd').then(r => r.status, e => 'err'),
        fetch('xixia://app/data/nope.geojson').then(r => r.status, e => 'err'),
        fetch('xixia://app/data/townships.geojson', {method: 'POST', body: 'x'}).then(r => r.status, e => 'err'),
        fetch('xixia://app/data/townships.geojson').then(r => r.json()).then(j => j.features.length),
      ]).then(v => { window.__fetches = JSON.stringify(v); });
    """
    map_view.evaluate(script)
    qtbot.waitUntil(lambda: map_view.evaluate("window.__fetches || ''") != "", timeout=CEILING_MS)
    results = json.loads(map_view.evaluate("window.__fetches"))
    assert results[0] == 200
    # Unknown paths are refused (404), and so is anything but GET (403).
    assert results[1] in (404, "err") and results[2] in (404, "err"), results
    assert results[3] in (403, "err"), results  # POST: RequestDenied
    assert results[4] == 19


def test_http_request_from_the_page_is_blocked_and_counted(qtbot, map_view):
    map_view.evaluate("var i = new Image(); i.src = 'https://example.com/tile.png'; true")
    qtbot.waitUntil(lambda: map_view.blocked_requests == 1, timeout=CEILING_MS)
    assert "example.com" in map_view.guard.blocked_urls[0]
