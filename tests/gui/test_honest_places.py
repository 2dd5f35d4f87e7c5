"""Uncertainty on the map (issue 20): estimated features are drawn hollow or
dashed, a selected one shows the circle (or band) of its accuracy, a zoom to
it stops where that circle still fits, and projects whose site is unknown
inside the development zone are listed on it, not drawn as invented points."""
from ceilings import CEILING_MS
import pytest

from xixia_map.data.uncertainty import uncertainty_shape
from xixia_map.map.capture import wait_until_idle


def _ready(qtbot, view, layer_id, count):
    qtbot.waitUntil(lambda: view.call_sync("featureCount", layer_id) == count, timeout=CEILING_MS)


def test_estimated_symbols_are_hollow_and_schematic_lines_dashed(qtbot, window):
    view = window.map_view
    _ready(qtbot, view, "townships", 19)
    icon = "window.xixia._state.features.townships['%s']._icon.innerHTML"
    assert 'stroke-dasharray="3,2"' in view.evaluate(icon % "huiche")  # estimated (C grade): dashed, hollow
    assert "stroke-dasharray" not in view.evaluate(icon % "zijin")  # a GeoNames point (A grade)
    stand_in = view.evaluate("window.xixia._state.features.monitoring_sections.S1._icon.innerHTML")
    assert 'stroke-dasharray="1,2"' in stand_in
    dash = view.evaluate("window.xixia._state.features.roads.G345.options.dashArray")
    assert dash == "8 5"
    legend = window.layers_panel.model.item_for("townships")
    notes = [legend.child(r).text() for r in range(legend.rowCount())]
    assert any("空心符号" in n for n in notes)


def test_a_selected_estimate_shows_its_range_and_the_zoom_respects_it(qtbot, window):
    view = window.map_view
    _ready(qtbot, view, "townships", 19)
    view.call_sync("setViewNoAnim", 111.48, 33.30, 15)  # close in: a plain zoom-to would stay this close
    qtbot.waitUntil(lambda: view.last_view.get("zoom") == 15, timeout=CEILING_MS)
    view.select_feature("townships", "huiche", zoom=True)
    qtbot.waitUntil(lambda: view.call_sync("uncertaintyShown"), timeout=CEILING_MS)
    seat = window.layers["townships"].frame.set_index("id").loc["huiche"]
    circle = uncertainty_shape(seat.geometry, seat["accuracy_m"])
    qtbot.waitUntil(lambda: abs(view.last_view.get("lng", 0) - seat.geometry.x) < 1e-3, timeout=CEILING_MS)
    shown = view.last_view
    west, south, east, north = circle.bounds
    assert shown["west"] <= west and shown["east"] >= east and shown["south"] <= south and shown["north"] >= north
    view.select_feature("townships", "zijin", zoom=False)  # A grade: no circle
    qtbot.waitUntil(lambda: not view.call_sync("uncertaintyShown"), timeout=CEILING_MS)
    view.select_feature("roads", "G345", zoom=False)  # a band along a schematic line
    qtbot.waitUntil(lambda: view.call_sync("uncertaintyShown"), timeout=CEILING_MS)
    view.call_sync("clearSelection")
    assert not view.call_sync("uncertaintyShown")


def test_projects_without_a_site_are_listed_on_the_zone(qtbot, window):
    from PySide6.QtWidgets import QPushButton

    view = window.map_view
    frame = window.layers["projects"].frame
    members = set(frame.loc[frame["within"] == "dev_zone", "id"])
    assert len(members) == 8
    _ready(qtbot, view, "projects", len(frame))
    assert set(view.call_sync("membersOf", "projects", "dev_zone")) == members
    drawn = view.evaluate("window.xixia._state.layers.projects.geo.getLayers().length")
    assert drawn == len(frame) - len(members)  # not drawn as points of their own
    assert view.evaluate("window.xixia._state.features.projects.zhongye_steel === "
                         "window.xixia._state.features.projects.dev_zone")
    assert view.evaluate("document.querySelector('.xm-badge').textContent") == "8"
    view.select_feature("projects", "dev_zone", zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    buttons = [b.text() for b in window.details.findChildren(QPushButton) if b.isFlat()]
    assert "中冶钢构" in buttons and len(buttons) == 8
    next(b for b in window.details.findChildren(QPushButton) if b.text() == "中冶钢构").click()
    assert window.details.record["id"] == "zhongye_steel"
    assert view.call_sync("select", "projects", "zhongye_steel", False)  # a member selects its area


@pytest.mark.parametrize("accuracy", [500, 12500])
def test_the_uncertainty_circle_has_the_accuracy_as_radius(accuracy):
    import math

    import shapely
    from pyproj import Geod

    circle = uncertainty_shape(shapely.Point(111.48, 33.30), accuracy)
    area = abs(Geod(ellps="WGS84").geometry_area_perimeter(circle)[0])
    assert area == pytest.approx(math.pi * accuracy ** 2, rel=0.01)
    assert uncertainty_shape(shapely.Point(111.48, 33.30).buffer(0.01), accuracy) is None


def test_selection_as_in_a_gis(qtbot, window):
    """Empty ground clears (the county outline is not identified), a click a few
    pixels beside a river selects the river, Escape clears; the outline becomes
    clickable when the planner asks."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    view = window.map_view
    _ready(qtbot, view, "rivers", 3)
    window.resize(1400, 900)
    proxy = view.focusProxy()
    # The page has taken the new size when its map is as wide as the view.
    qtbot.waitUntil(lambda: view.evaluate("document.querySelector('.leaflet-container').clientWidth") == proxy.width(),
                    timeout=CEILING_MS)
    course = window.layers["rivers"].frame.set_index("id").geometry["guanhe"]
    spot = course.interpolate(0.45, normalized=True)
    view.call_sync("setViewNoAnim", spot.x, spot.y, 13)
    wait_until_idle(view, CEILING_MS / 1000)
    x, y = view.call_sync("featurePointAt", spot.y, spot.x)
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, pos=QPoint(round(x) + 5, round(y)))
    qtbot.waitUntil(lambda: window.details.record is not None and window.details.record["id"] == "guanhe",
                    timeout=CEILING_MS)
    QTest.keyClick(proxy, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.details.record is None, timeout=CEILING_MS)
    # Empty ground clears a selection: the river selected again, then a click
    # inside the county but on no feature must clear it (and select no 西峡县).
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, pos=QPoint(round(x) + 5, round(y)))
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, pos=QPoint(round(x) + 80, round(y) + 60))  # inside the county
    qtbot.waitUntil(lambda: window.details.record is None, timeout=CEILING_MS)
    window.layers.set_identifiable("county", True)
    qtbot.waitUntil(lambda: view.call_sync("featureCount", "county") == 1, timeout=CEILING_MS)
    QTest.mouseClick(proxy, Qt.MouseButton.LeftButton, pos=QPoint(round(x) + 80, round(y) + 60))
    qtbot.waitUntil(lambda: window.details.record is not None and window.details.record["_layer"] == "county",
                    timeout=CEILING_MS)


def test_stacked_features_get_a_chooser_and_the_map_its_own_menu(qtbot, window):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    view = window.map_view
    _ready(qtbot, view, "townships", 19)
    # 白羽 and 莲花街道 share the county-town point: a click there offers both.
    view.call_sync("clickFeature", "townships", "baiyu")
    qtbot.waitUntil(lambda: window.map_menus.menu is not None and window.map_menus.menu.isVisible(), timeout=CEILING_MS)
    entries = [a.text() for a in window.map_menus.menu.actions()]
    assert "乡镇(街道)驻地：白羽街道" in entries and "乡镇(街道)驻地：莲花街道" in entries
    next(a for a in window.map_menus.menu.actions() if a.text().endswith("莲花街道")).trigger()
    qtbot.waitUntil(lambda: window.details.record is not None and window.details.record["id"] == "lianhua",
                    timeout=CEILING_MS)
    window.map_menus.menu.close()
    # A right-click opens the app's menu, not Chromium's.
    seat = window.layers["townships"].frame.set_index("id").geometry["xiping"]
    view.call_sync("setViewNoAnim", seat.x, seat.y, 12)
    wait_until_idle(view, CEILING_MS / 1000)
    x, y = view.call_sync("featurePointAt", seat.y, seat.x)
    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.RightButton, pos=QPoint(round(x) + 40, round(y) + 40))
    qtbot.waitUntil(lambda: window.map_menus.menu is not None and window.map_menus.menu.isVisible()
                    and window.map_menus.menu.actions()[0].text() == "复制坐标", timeout=CEILING_MS)
    window.map_menus.menu.actions()[0].trigger()
    copied = QApplication.clipboard().text()
    assert copied.startswith("WGS84 经纬度：111.") and "2000国家大地坐标系 3度带 第37带：X=3" in copied
    window.map_menus.menu.close()


def test_a_click_on_a_towns_label_selects_the_town(qtbot, window):
    """The name beside a township seat is where a planner clicks: a real mouse
    click on the label selects that township."""
    import json

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from xixia_map.map.capture import wait_until_idle

    view = window.map_view
    seat = window.layers["townships"].frame.set_index("id").geometry["xiping"]
    view.call_sync("setViewNoAnim", seat.x, seat.y, 12)
    wait_until_idle(view)
    box = json.loads(view.evaluate(
        "JSON.stringify(Array.from(document.querySelectorAll('.xm-label')).filter(function (el) {"
        "  return el.textContent.indexOf('西坪') >= 0; }).map(function (el) {"
        "  var r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })[0])"))
    assert box is not None
    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(box[0]), round(box[1])))
    qtbot.waitUntil(lambda: window.current_selection() == ("townships", "xiping"), timeout=CEILING_MS)
