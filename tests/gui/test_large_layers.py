"""Large layers in the real view: drawn, identified, moved and freed correctly (not timed)."""
from ceilings import CEILING_MS
import json

import numpy as np
import pytest
from big_layers import big_layer

from xixia_map.map.capture import stable_grab, wait_until_idle


@pytest.fixture
def view_with_big_layer(qtbot, bundled_layers):
    from xixia_map.map.view import MapView

    view = MapView(bundled_layers)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    wait_until_idle(view)
    layer = big_layer()
    bundled_layers.append(layer)
    qtbot.waitUntil(lambda: view.call_sync("featureCount", "sandiao") == len(layer.frame), timeout=CEILING_MS)
    view.fit_bounds(111.28, 33.18, 111.72, 33.47)
    qtbot.waitUntil(lambda: view.call_sync("tileCount", "sandiao") > 0, timeout=CEILING_MS)
    wait_until_idle(view)
    yield view, layer
    view.close()


def test_large_layer_is_drawn_where_its_features_are(view_with_big_layer):
    view, _layer = view_with_big_layer
    image = stable_grab(view)
    reds = greens = 0
    for x in range(0, image.width(), 6):
        for y in range(0, image.height(), 6):
            c = image.pixelColor(x, y)
            reds += c.red() > 200 and c.green() < 120 and c.blue() < 120
            greens += c.green() > 120 and c.red() < 120 and c.blue() < 120
    assert reds > 200 and greens > 200
    assert view.blocked_requests == 0


def test_click_on_a_large_layer_identifies_the_record(qtbot, view_with_big_layer):
    view, layer = view_with_big_layer
    target = layer.frame.geometry.iloc[777].representative_point()
    view.call_sync("setViewNoAnim", target.x, target.y, 17)
    wait_until_idle(view)
    point = json.loads(view.evaluate("JSON.stringify(window.xixia._state.map.latLngToContainerPoint([%f, %f]))"
                                     % (target.y, target.x)))
    x, y = point["x"], point["y"]
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    with qtbot.waitSignal(view.feature_selected, timeout=CEILING_MS) as blocker:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    record = blocker.args[0]
    hit = layer.frame.set_index("id").geometry[record["id"]]
    assert hit.contains(target) and record["_layer"] == "sandiao" and record["DLMC"] in ("耕地", "林地")
    assert view.evaluate("window.xixia._state.geometryHighlight !== null")


def test_late_tiles_land_only_where_the_current_view_wants_them(qtbot, view_with_big_layer):
    """Tiles arrive after the view that asked for them may have moved on: after
    quick moves back and forth, the red (west) parcels never show east of the
    class boundary, nor green west."""
    view, _layer = view_with_big_layer
    _only_the_large_layer(view)  # the bundled roads and parks have reds and greens of their own
    # Every tile takes 150 ms more on its worker, so tiles of one view certainly
    # arrive after the next move, on any machine (the page counts them as late).
    import time

    render = view.handler.layer_tiles
    view.handler.layer_tiles = lambda rest: (time.sleep(0.15), render(rest))[1]
    view.evaluate("window.xixia._state.layers['sandiao'].drawn.late = 0")
    for _ in range(4):
        for lng, zoom in ((111.40, 13), (111.60, 13), (111.45, 13.5), (111.55, 12.5), (111.5, 13)):
            view.call_sync("setViewNoAnim", lng, 33.33, zoom)
        wait_until_idle(view)
    image = stable_grab(view)
    boundary = json.loads(view.evaluate(
        "JSON.stringify(window.xixia._state.map.latLngToContainerPoint([33.33, 111.5]))"))["x"]
    strays = reds = greens = 0
    for x in range(0, image.width(), 4):
        for y in range(0, image.height(), 4):
            c = image.pixelColor(x, y)
            red = c.red() > 200 and c.green() < 120 and c.blue() < 120
            green = c.green() > 120 and c.red() < 120 and c.blue() < 120
            reds, greens = reds + red, greens + green
            if (red and x > boundary + 12) or (green and x < boundary - 12):
                strays += 1
    assert reds > 100 and greens > 100 and strays == 0
    assert view.evaluate("document.querySelectorAll('.leaflet-pane canvas.xm-tile-canvas').length") > 0
    assert view.evaluate("window.xixia._state.layers['sandiao'].drawn.late") > 0  # the race did happen


def _only_the_large_layer(view):
    for layer_id in view.layers.ids():  # no hover tooltips or markers in the pictures compared
        if layer_id != "sandiao":
            view.set_visible(layer_id, False)


def _settled_at(view, lng, lat, zoom):
    view.call_sync("setViewNoAnim", lng, lat, zoom)
    wait_until_idle(view)
    return stable_grab(view)


def test_animated_zoom_and_drag_end_as_a_direct_move_would(qtbot, view_with_big_layer):
    """The layer's one canvas is scaled while a zoom animates and redrawn while
    dragged: both end in the same picture as moving there at once."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    view, _layer = view_with_big_layer
    _only_the_large_layer(view)
    _settled_at(view, 111.5, 33.33, 13)
    view.evaluate("window.xixia._state.map.setZoom(14, {animate: true}); 1")
    qtbot.waitUntil(lambda: view.evaluate("window.xixia._state.map.getZoom()") == 14, timeout=CEILING_MS)
    wait_until_idle(view)
    animated = stable_grab(view)
    _settled_at(view, 111.5, 33.33, 13)
    assert _settled_at(view, 111.5, 33.33, 14) == animated

    proxy = view.focusProxy()
    QTest.mousePress(proxy, Qt.MouseButton.LeftButton, pos=QPoint(500, 350))
    for step in range(1, 21):
        QTest.mouseMove(proxy, QPoint(500 - step * 15, 350 - step * 5))
        qtbot.wait(30)  # the page redraws while dragged, throttled
    QTest.mouseRelease(proxy, Qt.MouseButton.LeftButton, pos=QPoint(200, 250))
    wait_until_idle(view)
    dragged, state = stable_grab(view), view.call_sync("viewState")
    assert abs(state["lng"] - 111.5) > 0.01  # it did move
    _settled_at(view, 111.5, 33.33, 13)
    assert _settled_at(view, state["lng"], state["lat"], state["zoom"]) == dragged


def test_missing_tiles_show_the_previous_drawing_in_place(view_with_big_layer):
    """Until its tiles arrive, a zoomed view shows the previous drawing scaled
    into place (as Leaflet keeps the old zoom's tiles), not a hole: right after
    a zoom in, the red (west) and green (east) parcels are already drawn, each
    on its own side of the class boundary at 111.5°E."""
    view, _layer = view_with_big_layer
    view.call_sync("setViewNoAnim", 111.5, 33.33, 13)
    wait_until_idle(view)
    grid = json.dumps([[lat, lon] for lat in np.linspace(33.315, 33.345, 12) for lon in np.linspace(111.47, 111.53, 16)])
    colours = """(function (points) {
        var layer = window.xixia._state.layers['sandiao'], map = window.xixia._state.map, c = layer.canvas;
        var at = L.DomUtil.getPosition(c), g = c.getContext('2d', {willReadFrequently: true});
        return points.map(function (ll) {
          var p = map.latLngToLayerPoint(ll).subtract(at).round();
          return Array.from(g.getImageData(p.x, p.y, 1, 1).data);
        });
    })"""
    # One script: the zoom (its tiles neither decoded nor preloaded) and the look right after it.
    after, missing = json.loads(view.evaluate(
        "var l = window.xixia._state.layers['sandiao']; l.stopPreload(); l.dropDecoded();"
        "window.xixia.setViewNoAnim(111.5, 33.33, 14);"
        f"JSON.stringify([{colours}({grid}), l.pendingCount()])"))
    wait_until_idle(view)
    assert missing > 0
    reds = [lon for (lat, lon), (r, g, b, a) in zip(json.loads(grid), after) if a > 100 and r > g + 60]
    greens = [lon for (lat, lon), (r, g, b, a) in zip(json.loads(grid), after) if a > 100 and g > r + 60]
    assert len(reds) > 10 and len(greens) > 10
    assert max(reds) < 111.503 and min(greens) > 111.497


def test_tiles_meet_without_seams_at_a_fractional_zoom(view_with_big_layer):
    """At zoomSnap 0.25 tiles are drawn scaled, each to whole pixels: every
    tile starts exactly where its left and upper neighbours end, so no
    1-pixel gap (nor overlap) shows between them."""
    view, _layer = view_with_big_layer
    script = """JSON.stringify((function () {
        var layer = window.xixia._state.layers['sandiao'], map = window.xixia._state.map, bad = [];
        var tiles = layer.layout(L.point(0, 0), map.getSize().multiplyBy(4));
        var at = {};
        tiles.forEach(function (t) { at[t.x + ',' + t.y] = t; });
        tiles.forEach(function (t) {
          var right = tiles.filter(function (o) { return o.y === t.y && o.x > t.x; })
                           .sort(function (a, b) { return a.x - b.x; })[0];
          var below = tiles.filter(function (o) { return o.x === t.x && o.y > t.y; })
                           .sort(function (a, b) { return a.y - b.y; })[0];
          if (right && right.x !== t.x + t.width) { bad.push([t.x, t.width, right.x]); }
          if (below && below.y !== t.y + t.height) { bad.push([t.y, t.height, below.y]); }
        });
        return [tiles.length, bad];
    })())"""
    for zoom in (12.25, 12.5, 12.75, 13.25, 13.5):
        view.call_sync("setViewNoAnim", 111.5, 33.33, zoom)
        wait_until_idle(view)
        count, bad = json.loads(view.evaluate(script))
        assert count > 20 and bad == [], f"zoom {zoom}: {bad[:3]}"


def test_tile_requests_after_the_view_shut_its_workers_fail_quietly(qtbot, view_with_big_layer):
    """A closing view stops its tile workers while the page may still ask for
    tiles (a preload in flight): those requests fail, nothing raises."""
    view, _layer = view_with_big_layer
    view.handler.shutdown()
    served = view.handler.served
    view.call_sync("setViewNoAnim", 111.62, 33.4, 14)  # tiles nobody has asked for yet
    # pytest-qt fails the test if a Qt slot raised while the requests arrive
    qtbot.waitUntil(lambda: view.handler.refused_after_shutdown > 0, timeout=CEILING_MS)
    assert view.handler.served == served


def test_tile_requests_after_the_workers_stopped_fail_quietly(qtbot, view_with_big_layer):
    """The workers stopped before the handler knew (seen at the app's exit): a
    request then cannot be queued, and is refused, not raised in Qt's slot."""
    view, _layer = view_with_big_layer
    view.handler._pool.shutdown(wait=False, cancel_futures=True)
    view.call_sync("setViewNoAnim", 111.62, 33.4, 14)
    qtbot.waitUntil(lambda: view.handler.refused_after_shutdown > 0, timeout=CEILING_MS)


def test_hiding_a_large_layer_frees_its_tiles(qtbot, view_with_big_layer):
    view, layer = view_with_big_layer
    assert view.call_sync("tileCount", "sandiao") > 0
    assert view.evaluate("document.querySelectorAll('.leaflet-pane canvas.xm-tile-canvas').length") > 0
    view.set_visible("sandiao", False)
    qtbot.waitUntil(lambda: view.evaluate("document.querySelectorAll('.leaflet-pane canvas.xm-tile-canvas').length") == 0,
                    timeout=CEILING_MS)
    view.set_visible("sandiao", True)
    qtbot.waitUntil(lambda: view.call_sync("tileCount", "sandiao") > 0, timeout=CEILING_MS)


def test_settled_view_preloads_the_next_tiles_into_the_page(qtbot, view_with_big_layer):
    """Once the map is idle the page fetches the planned tiles, so a zoom in
    afterwards is drawn without a request reaching Python or a tile being decoded."""
    from xixia_map.map.layer_tiles import tiles_to_prefetch

    view, layer = view_with_big_layer

    def preload():
        return view.call_sync("preloadState", "sandiao")

    qtbot.waitUntil(lambda: preload()["started"] > 0 and preload()["pending"] == 0, timeout=CEILING_MS)
    assert 0 < preload()["decoded"] <= 72  # DECODED_TILES in bitmap_tiles.js
    tiles = view.layer_tiles(layer.id)
    state = view.call_sync("viewState")
    planned = [tile for tile in tiles_to_prefetch(state) if tiles.may_cover(*tile)]
    assert planned and all(tiles.is_cached(*tile) for tile in planned[:8])  # the zoom-in tiles came first
    # The zoomed view's own idle would send the next plan, whose fetches reach
    # Python at once: only the requests of the zoom itself are counted here.
    view._prefetch = lambda _view: None
    served, before = view.handler.served, preload()
    view.call_sync("setViewNoAnim", state["lng"], state["lat"], state["zoom"] + 1)
    wait_until_idle(view)
    after = preload()
    assert view.call_sync("tileCount", "sandiao") > 0
    assert view.handler.served == served  # no request reached Python
    assert after["drawnReady"] > before["drawnReady"]  # drawn from tiles decoded ahead
    assert after["drawnDecoded"] == before["drawnDecoded"]  # none decoded on the way


def test_a_move_stops_preloading(view_with_big_layer):
    from xixia_map.map.layer_tiles import tiles_to_prefetch

    view, _layer = view_with_big_layer
    wait_until_idle(view)
    state = view.call_sync("viewState")
    plan = json.dumps(tiles_to_prefetch(state))
    # One script, so nothing runs in between: plan, move, look.
    started, left = json.loads(view.evaluate(
        f"var n = window.xixia.preloadTiles('sandiao', {plan});"
        f"window.xixia.setViewNoAnim({state['lng'] + 0.2}, {state['lat']}, {state['zoom']});"
        "JSON.stringify([n, window.xixia.preloadState('sandiao').pending])"))
    assert started > 0 and left == 0
