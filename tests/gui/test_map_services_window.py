"""视图 → 添加地图服务 in the real window, against MapProxy on loopback: nothing asked
before the service is allowed, a WMTS layer chosen and drawn as the basemap, and
remembered, allowed, for the next start; the 天地图 preset without a key refused."""
import pytest
from tile_services import CEILING_S, field, start_mapproxy, start_simple

from xixia_map.map.capture import stable_grab, wait_until_idle


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    simple = start_simple()
    proxy = start_mapproxy(tmp_path_factory.mktemp("mp"), simple)
    yield simple, proxy
    proxy.stop()
    simple.stop()


def test_a_wmts_is_added_allowed_drawn_and_remembered(qtbot, window, servers, catalog):
    _simple, proxy = servers
    window.add_map_service()
    dialog = window.service_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("wmts"))
    dialog.url.setText(f"{proxy.base}/service?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0")
    asked = len(proxy.requests)
    dialog.read_capabilities()
    assert "允许" in dialog.status.text() and len(proxy.requests) == asked  # not allowed: nothing asked
    assert "127.0.0.1" in dialog.allow.text()
    dialog.allow.setChecked(True)
    dialog.read_capabilities()
    qtbot.waitUntil(lambda: not dialog.jobs and dialog.layers.count() > 0, timeout=CEILING_S * 1000)
    # The Web Mercator layer: MapProxy, in this same process, reprojects the CGCS2000 one
    # slowly (test_map_services.py checks our reprojection of it, tile by tile).
    row = next(i for i in range(dialog.layers.count()) if "Web 墨卡托" in dialog.layers.item(i).text())
    dialog.layers.setCurrentRow(row)
    dialog.attribution.setText("测试服务")
    dialog.add()
    name = window.map_view.basemap
    assert name.startswith("service") and window.map_view.basemaps.is_allowed(name)
    view = window.map_view
    view.call_sync("setViewNoAnim", 111.48, 33.31, 12)
    wait_until_idle(view, CEILING_S)
    for layer in list(window.layers):  # the basemap alone, to read its colours
        window.layers.set_visible(layer.id, False)
    wait_until_idle(view, CEILING_S)
    image = stable_grab(view, CEILING_S)
    state = view.call_sync("viewState")
    x = image.width() - 12
    pixel = image.pixelColor(x, image.height() // 2)
    want = field(state["west"] + (state["east"] - state["west"]) * (x + 0.5) / image.width(), state["lat"])
    assert abs(pixel.red() - want[0]) < 10 and abs(pixel.green() - want[1]) < 10, (pixel.name(), want)
    assert view.blocked_requests == 0
    from xixia_map.ui.basemap_control import basemaps_from_settings

    again, chosen, problems = basemaps_from_settings()
    assert chosen == name and not problems and again.is_allowed(name)
    assert again.get(name).attribution == "测试服务"
    dialog.close()


def test_a_tianditu_preset_needs_a_key(qtbot, window):
    window.add_map_service()
    dialog = window.service_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("tianditu"))
    dialog.add()
    assert "密钥" in dialog.status.text()
    assert "tianditu.gov.cn" in dialog.allow.text()
    dialog.key.setText("office-key")
    dialog.add()  # added but not allowed: the map asks nothing of it
    name = window.map_view.basemap
    assert name.startswith("service") and not window.map_view.basemaps.is_allowed(name)
    assert window.map_view.basemaps.fetcher.allowed == set()
    window.map_view.call_sync("setViewNoAnim", 111.48, 33.31, 13)
    wait_until_idle(window.map_view, CEILING_S)
    qtbot.waitUntil(lambda: window.map_view.basemaps.fetcher.refused > 0, timeout=CEILING_S * 1000)
    wait_until_idle(window.map_view, CEILING_S)
    count = int(window.blocked_label.text().rsplit(":", 1)[1])
    assert count >= window.map_view.basemaps.fetcher.refused > 0  # the status bar counts them
    # and says why the map is blank, naming the basemap
    qtbot.waitUntil(lambda: "未能取得" in window.statusBar().currentMessage(), timeout=CEILING_S * 1000)
    assert "天地图" in window.statusBar().currentMessage() and "未获允许" in window.statusBar().currentMessage()
    dialog.close()


def test_an_offline_package_is_estimated_downloaded_and_becomes_a_basemap(qtbot, window, servers, tmp_path,
                                                                          monkeypatch):
    import sqlite3

    from xixia_map.data.services.model import MapService

    simple, _proxy = servers
    service = MapService("xyz", "测试底图", "xyz", simple.base + "/xyz/{z}/{x}/{y}.png", attribution="测试数据")
    window.basemap_box.add_service([service], {simple.origin})
    window.map_view.fit_bounds(111.46, 33.29, 111.50, 33.32)
    wait_until_idle(window.map_view, CEILING_S)
    window.download_offline_package()
    dialog = window.offline_dialog
    dialog.min_zoom.setValue(12)
    dialog.max_zoom.setValue(13)
    plan = dialog.plan()
    assert f"{plan.count():,}" in dialog.estimate_label.text() and "分钟" in dialog.estimate_label.text()
    out = tmp_path / "离线.mbtiles"
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    asked = []
    # The save dialog's answer (a native file dialog cannot be driven here); the button itself is pressed.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or (str(out), ""))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert "确认" in dialog.estimate_label.text() and not out.exists() and not asked  # the terms first
    dialog.terms.setChecked(True)
    dialog.rate.setValue(50)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: not dialog.jobs, timeout=CEILING_S * 1000)
    assert dialog.download_result.written == plan.count() and dialog.download_result.failed == 0
    assert sqlite3.connect(out).execute("SELECT count(*) FROM tiles").fetchone()[0] == plan.count()
    current = window.map_view.basemaps.get(window.map_view.basemap)
    assert current.kind == "archive" and current.path == str(out)
    dialog.close()
