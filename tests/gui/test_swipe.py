"""卷帘: the dock chooses the sides, the planner drags the divider with the
mouse, each side shows its own layer (pixels of a grab on either side), a
click identifies the layer its side shows, and the PNG export draws the swipe
as it stands."""
from __future__ import annotations

import json

from ceilings import CEILING_MS, CEILING_S
from compare_layers import colour_counts, open_colour_layers
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from xixia_map.map.capture import stable_grab, wait_until_idle


def _start(qtbot, window, red: str, blue: str, orientation: str = "vertical"):
    from xixia_map.ui.swipe_dock import show_swipe_dock

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "视图")
    next(a for a in menu.actions() if a.text() == "卷帘对比").trigger()
    dock = window.swipe_panel
    assert show_swipe_dock(window) is dock  # made once
    dock.orientation.setCurrentIndex(dock.orientation.findData(orientation))
    dock.choose("a", "layer", red)
    dock.choose("b", "layer", blue)
    qtbot.mouseClick(dock.start_button, Qt.MouseButton.LeftButton)
    view = window.map_view
    qtbot.waitUntil(lambda: (view.call_sync("swipeState") or {}).get("on") is True, timeout=CEILING_MS)
    return dock


def _drag(qtbot, view, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """The planner's drag: press, a few moves, release (real mouse events on the page's widget)."""
    target = view.focusProxy()
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(target, QPoint(start.x() + (end.x() - start.x()) * i // steps,
                                       start.y() + (end.y() - start.y()) * i // steps))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_divider_dragged_shows_each_side_its_layer_and_clicks_identify_that_side(qtbot, window, tmp_path):
    red, blue = open_colour_layers(qtbot, window, tmp_path)
    view = window.map_view
    image = stable_grab(view, CEILING_S)
    assert colour_counts(image, 0.05, 0.95)[0] == 0  # before: the blue layer covers the red one everywhere
    _start(qtbot, window, red, blue)
    before = dict(view.last_view)
    w, h = view.width(), view.height()
    _drag(qtbot, view, QPoint(w // 2, h // 3), QPoint(round(w * 0.3), h // 3))
    qtbot.waitUntil(lambda: view.swipe.on and abs(view.swipe.position - 0.3) < 0.01, timeout=CEILING_MS)
    assert view.call_sync("viewState")["lng"] == before["lng"]  # the divider moved, not the map
    wait_until_idle(view, CEILING_S)
    image = stable_grab(view, CEILING_S)
    red_left, blue_left, left = colour_counts(image, 0.02, 0.27)
    red_right, blue_right, right = colour_counts(image, 0.33, 0.98)
    assert red_left > 0.8 * left and blue_left == 0
    assert blue_right > 0.8 * right and red_right == 0
    # A click identifies what its side shows (both boxes lie under both points).
    target = view.focusProxy()
    for x, layer_id in ((round(w * 0.15), red), (round(w * 0.7), blue)):
        with qtbot.waitSignal(view.feature_selected, timeout=CEILING_MS) as blocker:
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(x, round(h * 0.12)))
        assert blocker.args[0]["_layer"] == layer_id
    assert window.map_menus.menu is None  # one layer under each click: no chooser


def test_both_sides_pan_together_and_the_export_draws_the_swipe(qtbot, window, tmp_path):
    from xixia_map.export.snapshot import SnapshotRequest, render_map

    red, blue = open_colour_layers(qtbot, window, tmp_path)
    view = window.map_view
    _start(qtbot, window, red, blue, "horizontal")
    w, h = view.width(), view.height()
    _drag(qtbot, view, QPoint(w // 3, h // 2), QPoint(w // 3, round(h * 0.7)))
    qtbot.waitUntil(lambda: abs(view.swipe.position - 0.7) < 0.01, timeout=CEILING_MS)
    # Panning the map (a drag away from the divider) moves both sides: the divider stays put on screen.
    before = view.call_sync("viewState")
    _drag(qtbot, view, QPoint(w // 2, h // 4), QPoint(w // 2 + 120, h // 4 + 40))
    qtbot.waitUntil(lambda: view.last_view.get("lng", before["lng"]) != before["lng"], timeout=CEILING_MS)
    wait_until_idle(view, CEILING_S)
    assert view.call_sync("swipeState")["position"] == view.swipe.position
    image = stable_grab(view, CEILING_S)
    top_red, top_blue, top = colour_counts(image, 0.05, 0.95, 0.05, 0.66)
    bottom_red, bottom_blue, bottom = colour_counts(image, 0.05, 0.95, 0.74, 0.97)
    assert top_red > 0.8 * top and top_blue == 0
    assert bottom_blue > 0.8 * bottom and bottom_red == 0
    # The export's own view draws the swipe on the same ground line.
    request = view.swipe_request()
    state = view.last_view
    export, _state = render_map(window.layers, SnapshotRequest(
        800, 800, (state["west"], state["south"], state["east"], state["north"]), swipe=request))
    line = view.swipe.position_for(request["ground"], _state)
    assert 0.05 < line < 0.95
    e_red, e_blue, e_top = colour_counts(export, 0.05, 0.95, 0.02, line - 0.04)
    f_red, f_blue, f_bottom = colour_counts(export, 0.05, 0.95, line + 0.04, 0.98)
    assert e_red > 0.8 * e_top and e_blue == 0
    assert f_blue > 0.8 * f_bottom and f_red == 0
    # 结束卷帘: the blue layer, on top, covers both sides again.
    qtbot.mouseClick(window.swipe_panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.swipe.on, timeout=CEILING_MS)
    wait_until_idle(view, CEILING_S)
    assert colour_counts(stable_grab(view, CEILING_S), 0.05, 0.95)[0] == 0


def test_a_side_layers_labels_show_only_on_its_side(qtbot, window):
    """Town names lie in Leaflet's shared label pane, which no pane clip reaches."""
    view = window.map_view
    view.start_swipe(["townships"], [], "vertical", 0.5)
    wait_until_idle(view, CEILING_S)
    script = """JSON.stringify(Object.values(window.xixia._state.features.townships).map(function (f) {
        var tip = f.getTooltip(), el = tip && tip.getElement(); if (!el || el.style.display === "none") { return null; }
        return [window.xixia._state.map.latLngToContainerPoint(tip.getLatLng()).x, el.style.visibility];
    }).filter(Boolean))"""
    labels = json.loads(view.evaluate(script))
    half = view.width() / 2
    assert any(x < half for x, _ in labels) and any(x > half for x, _ in labels)  # towns on both sides
    assert all((shown == "hidden") == (x > half) for x, shown in labels)
    view.stop_swipe()
    qtbot.waitUntil(lambda: all(v != "hidden" for _x, v in json.loads(view.evaluate(script))), timeout=CEILING_MS)
