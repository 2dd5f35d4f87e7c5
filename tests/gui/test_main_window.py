"""The window: a map click fills the details panel with catalog fields and coordinates."""
from ceilings import CEILING_MS
import pytest
from PySide6.QtWidgets import QApplication, QLabel

from xixia_map.data.crs import to_gk_zone37


def panel_texts(panel):
    return [w.text() for w in panel.findChildren(QLabel)]


def test_click_shows_every_catalog_field_with_chinese_labels(qtbot, window, bundled_layers):
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS):  # listed on the zone, no point of its own
        window.map_view.select_feature("projects", "zhengwei_tcm", zoom=False)
    texts = panel_texts(window.details)
    assert "正威(南阳)国家级中医药新经济产业园" in texts
    spec = bundled_layers["projects"].spec
    record = bundled_layers["projects"].record("zhengwei_tcm")
    for detail in spec.detail_fields:
        if record.get(detail.field) not in (None, ""):
            assert f"{detail.label_zh}:" in texts, detail.field
    assert "已签约·前期" in texts
    assert any(f"±{int(record['accuracy_m'])} m" in t for t in texts)


def test_empty_click_clears_details(qtbot, window):
    window.map_view.call_sync("clickFeature", "townships", "huiche")
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    with qtbot.waitSignal(window.map_view.selection_cleared, timeout=CEILING_MS):
        window.map_view.evaluate("window.xixia._state.map.fire('click', {latlng: L.latLng(33.1, 111.0)}); true")
    assert window.details.record is None and "未选择要素" in panel_texts(window.details)


def test_copy_coordinates_gives_wgs84_and_gk_zone37(qtbot, window):
    window.map_view.select_feature("townships", "huiche", zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    window.details.copy_button.click()
    text = QApplication.clipboard().text()
    seat = window.layers["townships"].frame.set_index("id").geometry["huiche"]
    easting, northing = to_gk_zone37(seat.x, seat.y)
    assert f"{seat.x:.6f}, {seat.y:.6f}" in text
    assert f"X={northing:.1f} Y={easting:.1f}" in text
    assert str(round(easting)).startswith("37")  # zone-prefixed easting


def test_gk_zone37_matches_the_epsg_definition():
    from pyproj import Transformer

    epsg = Transformer.from_crs("EPSG:4326", "EPSG:4525", always_xy=True)
    for lon, lat in [(110.99, 33.09), (111.48, 33.305), (111.83, 33.80)]:
        assert to_gk_zone37(lon, lat) == pytest.approx(epsg.transform(lon, lat), abs=0.001)


def test_status_bar_reports_scale_and_no_blocked_requests(window):
    assert window.blocked_label.text().endswith(": 0")
    assert window.scale_label.text().startswith("1:")


def test_tooltips_carry_the_name_as_text(window):
    text = window.map_view.evaluate(
        "window.xixia._state.features.parks.laojieling.getTooltip().getContent().textContent")
    assert text == "老界岭景区"
