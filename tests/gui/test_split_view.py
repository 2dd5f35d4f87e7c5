"""分屏: a second view on the same layers with its own layer set, kept on the
same centre and zoom as the window's (a drag with the mouse in one, the map
API in the other), a cross-hair at the cursor's ground point, and the split
exported as one PNG sheet."""
from __future__ import annotations

from ceilings import CEILING_MS, CEILING_S
from compare_layers import colour_counts, open_colour_layers
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from xixia_map.map.capture import stable_grab, wait_until_idle


def _split(qtbot, window, label: str = "两屏"):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "视图")
    split_menu = next(a.menu() for a in menu.actions() if a.text() == "分屏对比")
    next(a for a in split_menu.actions() if a.text() == label).trigger()
    split = window.split_view
    qtbot.waitUntil(lambda: all(v.is_ready for v in split.views), timeout=CEILING_MS)
    for view in split.views:
        wait_until_idle(view, CEILING_S)
    return split


def _same_view(one, other) -> bool:
    """Same zoom, centres within a pixel (Leaflet puts a centre on a whole pixel)."""
    from xixia_map.map.linked_views import same_view

    return same_view(one.last_view, other.last_view)


def test_views_keep_their_own_layers_and_move_together(qtbot, window, tmp_path):
    red, blue = open_colour_layers(qtbot, window, tmp_path)
    split = _split(qtbot, window)
    first, second = split.views
    assert first is window.map_view and second.parent() is window.centralWidget() is first.parent()
    qtbot.waitUntil(lambda: _same_view(first, second), timeout=CEILING_MS)
    # The second view's own set: blue off there; the tree (the first view) still shows it.
    second.set_layer_shown(blue, False)
    assert window.layers[blue].visible
    for view in split.views:
        wait_until_idle(view, CEILING_S)
    one, two = stable_grab(first, CEILING_S), stable_grab(second, CEILING_S)
    assert colour_counts(one, 0.05, 0.95)[1] > 0.8 * colour_counts(one, 0.05, 0.95)[2]
    red_two, blue_two, sampled = colour_counts(two, 0.05, 0.95)
    assert red_two > 0.8 * sampled and blue_two == 0
    # Unticking in the tree hides red in the first view only.
    window.layers.set_visible(red, False)
    assert second.shows(window.layers[red])
    # A drag with the mouse in the first view: the second follows to its centre and zoom.
    before = dict(second.last_view)
    target = first.focusProxy()
    w, h = first.width(), first.height()
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(w // 2, h // 2))
    for i in range(1, 9):
        QTest.mouseMove(target, QPoint(w // 2 - 15 * i, h // 2 - 10 * i))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(w // 2 - 120, h // 2 - 80))
    qtbot.waitUntil(lambda: second.last_view["lng"] != before["lng"] and _same_view(first, second),
                    timeout=CEILING_MS)
    assert second.last_view["lng"] > before["lng"]  # dragged left: the map moved east
    # Zoomed in the second view (the map API): the first follows.
    state = second.last_view
    second.call("setViewNoAnim", state["lng"], state["lat"], state["zoom"] + 1)
    qtbot.waitUntil(lambda: first.last_view["zoom"] == state["zoom"] + 1 and _same_view(first, second),
                    timeout=CEILING_MS)


def test_cross_hair_follows_the_cursor_and_the_sheet_holds_every_view(qtbot, window, tmp_path):
    split = _split(qtbot, window, "四屏")
    assert len(split.views) == 4
    first, others = split.views[0], split.views[1:]
    qtbot.waitUntil(lambda: all(_same_view(first, v) for v in others), timeout=CEILING_MS)
    target = first.focusProxy()
    for x, y in ((first.width() // 3, first.height() // 3), (first.width() // 2 + 40, first.height() // 2 + 30)):
        with qtbot.waitSignal(first.mouse_moved, timeout=CEILING_MS):  # the page saw the cursor arrive
            QTest.mouseMove(target, QPoint(x - 3, y - 3))
            QTest.mouseMove(target, QPoint(x, y))
        dx, dy = x - first.width() / 2, y - first.height() / 2  # from the centre, which all views share
        for view in others:
            qtbot.waitUntil(lambda v=view, dx=dx, dy=dy: _near(v.call_sync("crosshairPoint"),
                                                 v.width() / 2 + dx, v.height() / 2 + dy), timeout=CEILING_MS)
    assert first.call_sync("crosshairPoint") is None  # not in the view the cursor is in
    from xixia_map.ui.split_export import write_split_sheet

    out = write_split_sheet(window, split, tmp_path / "分屏.png")
    sheet = QImage(str(out))
    views = split.views  # two rows of two, packed 4 px apart (export/split_sheet.py GUTTER_PX)
    assert sheet.width() == max(views[0].width() + views[1].width(), views[2].width() + views[3].width()) + 4
    assert sheet.height() == max(views[0].height(), views[1].height()) + max(views[2].height(), views[3].height()) + 4
    for view in others:  # the export leaves the cursor's mark out
        assert view.call_sync("crosshairPoint") is None
    from xixia_map.ui.split_view import end_split_view

    end_split_view(window)
    assert window.split_view is None and first.isVisible()
    wait_until_idle(first, CEILING_S)


def _near(point, x: float, y: float) -> bool:
    return point is not None and abs(point["x"] - x) <= 1.5 and abs(point["y"] - y) <= 1.5
