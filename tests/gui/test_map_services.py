"""Map services against real servers on loopback (tests/tile_services.py): WMTS on
both grids and WMS from MapProxy, XYZ and ArcGIS REST from a small server; tiles
drawn where they belong, hosts asked only when allowed, failures counted and
backed off, bad capabilities said plainly; and a service as the map's basemap."""

import mercantile
import pytest
from tile_services import CEILING_S, TILE, assert_in_place, field, start_mapproxy, start_simple

from xixia_map.data.errors import DataError
from xixia_map.data.services import capabilities as caps
from xixia_map.data.services.model import CGCS2000, WEB_MERCATOR, MapService
from xixia_map.map.service_tiles import ServiceFetcher, ServiceTiles


@pytest.fixture(scope="module")
def simple():
    served = start_simple()
    yield served
    served.stop()


@pytest.fixture(scope="module")
def mapproxy(tmp_path_factory, simple):
    served = start_mapproxy(tmp_path_factory.mktemp("mapproxy"), simple)
    yield served
    served.stop()


def fetcher_for(*servers) -> ServiceFetcher:
    fetcher = ServiceFetcher()
    fetcher.allowed = frozenset(server.origin for server in servers)
    return fetcher




def wmts(mapproxy, layer_id: str) -> MapService:
    url = f"{mapproxy.base}/service?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0"
    xml = caps.fetch(url, {mapproxy.origin})
    layers, service = caps.wmts_layers(url, xml)
    chosen = next(layer for layer in layers if layer.identifier == layer_id)
    return caps.wmts_service(layer_id, chosen.title, url, service, chosen)


def test_wmts_capabilities_list_both_grids(mapproxy):
    url = f"{mapproxy.base}/service?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0"
    layers, _service = caps.wmts_layers(url, caps.fetch(url, {mapproxy.origin}))
    grids = {(layer.identifier, layer.grid) for layer in layers}
    assert ("field", WEB_MERCATOR) in grids and ("field_c", CGCS2000) in grids
    assert next(layer.title for layer in layers if layer.identifier == "field_c") == "测试底图（CGCS2000）"


def test_a_web_mercator_wmts_tile_lands_where_it_belongs(mapproxy):
    tiles = ServiceTiles(wmts(mapproxy, "field"), fetcher_for(mapproxy))
    assert_in_place(tiles.tile(TILE.z, TILE.x, TILE.y), TILE.z, TILE.x, TILE.y)


def test_a_cgcs2000_wmts_is_reprojected_to_the_map(mapproxy):
    service = wmts(mapproxy, "field_c")
    assert service.grid == CGCS2000 and service.matrices[0].top_left == (-180.0, 90.0)
    tiles = ServiceTiles(service, fetcher_for(mapproxy))
    for z in (10, 12):
        t = mercantile.tile(111.48, 33.31, z)
        assert_in_place(tiles.tile(t.z, t.x, t.y), t.z, t.x, t.y, tolerance=8.0)


@pytest.mark.parametrize("layer_id", ["field", "field_c"])
def test_wms_tiles_land_where_they_belong_on_either_crs(mapproxy, layer_id):
    url = f"{mapproxy.base}/service?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"
    layers, service = caps.wms_layers(url, caps.fetch(url, {mapproxy.origin}))
    chosen = next(layer for layer in layers if layer.identifier == layer_id)
    made = caps.wms_service("wms", chosen.title, url, service, chosen)
    if layer_id == "field_c":  # asked in CGCS2000 lon/lat, reprojected here
        made = MapService(**{**made.__dict__, "grid": CGCS2000})
    tiles = ServiceTiles(made, fetcher_for(mapproxy))
    assert_in_place(tiles.tile(TILE.z, TILE.x, TILE.y), TILE.z, TILE.x, TILE.y, tolerance=8.0)


def test_xyz_and_arcgis_rest_tiles(simple):
    xyz = MapService("xyz", "XYZ", "xyz", simple.base + "/xyz/{z}/{x}/{y}.png")
    assert_in_place(ServiceTiles(xyz, fetcher_for(simple)).tile(TILE.z, TILE.x, TILE.y), TILE.z, TILE.x, TILE.y)
    url = simple.base + "/arcgis/rest/services/field/MapServer"
    arcgis = caps.arcgis_service("arc", "ArcGIS", url, caps.fetch(url + "?f=json", {simple.origin}))
    assert arcgis.grid == WEB_MERCATOR and (arcgis.min_zoom, arcgis.max_zoom) == (6, 12)
    assert arcgis.attribution == "测试数据"
    assert_in_place(ServiceTiles(arcgis, fetcher_for(simple)).tile(TILE.z, TILE.x, TILE.y), TILE.z, TILE.x, TILE.y)


def test_a_service_not_allowed_is_never_asked(simple):
    fetcher = ServiceFetcher()  # nothing allowed
    before = len(simple.requests)
    xyz = MapService("xyz", "XYZ", "xyz", simple.base + "/xyz/{z}/{x}/{y}.png")
    assert ServiceTiles(xyz, fetcher).tile(TILE.z, TILE.x, TILE.y) is None
    assert fetcher.refused == 1 and len(simple.requests) == before
    with pytest.raises(DataError) as refused:
        caps.fetch(simple.base + "/xyz/1/1/1.png", set())
    assert "允许" in refused.value.one_line("zh")


def test_failing_tiles_are_empty_counted_and_backed_off(simple):
    now = [1000.0]
    fetcher = fetcher_for(simple)
    fetcher.clock = lambda: now[0]  # the backoff's clock, moved by the test, not by the machine's speed
    broken = ServiceTiles(MapService("b", "b", "xyz", simple.base + "/broken/{z}/{x}/{y}"), fetcher)
    before = len(simple.requests)
    assert broken.tile(11, 1, 1) is None and broken.tile(11, 1, 2) is None
    assert fetcher.failed == 2 and len(simple.requests) == before + 1  # the second waited out the backoff
    now[0] += 0.9
    assert broken.tile(11, 1, 3) is None and len(simple.requests) == before + 1  # still within the first 1 s
    now[0] += 0.2
    assert broken.tile(11, 1, 4) is None and len(simple.requests) == before + 2  # asked again after it
    now[0] += 1.5
    assert broken.tile(11, 1, 5) is None and len(simple.requests) == before + 2  # the wait doubled to 2 s
    not_image = ServiceTiles(MapService("n", "n", "xyz", simple.base + "/notimage/{z}/{x}/{y}"), ServiceFetcher())
    not_image.fetcher.allowed = frozenset({simple.origin})
    assert not_image.tile(11, 1, 1) is None and not_image.fetcher.failed == 1


@pytest.mark.parametrize("path,words", [("/notxml", "不是 XML"), ("/forbidden", "密钥错误或没有权限"),
                                        ("/broken", "返回错误（500）")])
def test_bad_capabilities_get_one_clear_message(simple, path, words):
    with pytest.raises(DataError) as failed:
        xml = caps.fetch(simple.base + path, {simple.origin})
        caps.wmts_layers(simple.base + path, xml)
    assert words in failed.value.one_line("zh")


def test_a_server_that_does_not_answer_in_time(simple):
    with pytest.raises(DataError) as failed:
        caps.fetch(simple.base + "/slow", {simple.origin}, timeout=0.5)
    assert "秒内没有响应" in failed.value.one_line("zh")


def test_the_tianditu_preset_needs_a_key_and_names_its_origins():
    from xixia_map.data.services.tianditu import tianditu

    with pytest.raises(ValueError):
        tianditu("vec", "  ")
    base, note = tianditu("vec", "abc123", CGCS2000)
    assert base.grid == note.grid == CGCS2000 and "LAYER=vec" in base.url and "LAYER=cva" in note.url
    assert base.origins() == {f"https://t{i}.tianditu.gov.cn" for i in range(8)}
    assert base.matrices[0].units_per_px == pytest.approx(0.703125)
    assert not base.offline_allowed and "abc123" not in repr(base)


def test_a_service_basemap_in_the_real_view(qtbot, mapproxy):
    from xixia_map.data.layers import LayerList
    from xixia_map.map.basemaps import Basemaps
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.map.view import MapView

    basemaps = Basemaps()
    choice = basemaps.add_service(wmts(mapproxy, "field_c"), name="svc")  # nothing allowed yet
    view = MapView(LayerList([]), basemaps=basemaps, basemap="svc")  # the basemap alone, nothing over it
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    wait_until_idle(view, CEILING_S)
    view.call_sync("setViewNoAnim", 111.48, 33.31, 12)
    wait_until_idle(view, CEILING_S)
    assert view.blocked_requests > 0  # not allowed yet: asked for nothing, counted
    asked = len(mapproxy.requests)
    basemaps.set_allowed("svc", {mapproxy.origin})
    view.set_basemap("svc")
    wait_until_idle(view, CEILING_S)
    image = stable_grab(view, CEILING_S)
    state = view.call_sync("viewState")
    for x in (200, 600, 790):
        pixel = image.pixelColor(x, 300)
        lon = state["west"] + (state["east"] - state["west"]) * (x + 0.5) / 800
        want = field(lon, state["lat"])
        assert abs(pixel.red() - want[0]) < 8 and abs(pixel.green() - want[1]) < 8, (x, pixel.name(), want)
    assert len(mapproxy.requests) > asked and choice.attribution == ""
    view.close()


def test_png_and_pdf_exports_carry_the_basemap_and_credit_it(qapp, mapproxy, tmp_path):
    import shutil
    import subprocess

    from xixia_map.data.layers import LayerList
    from xixia_map.export.report import ReportRequest, write_report
    from xixia_map.export.snapshot import SnapshotRequest, render_map
    from xixia_map.map.basemaps import Basemaps

    basemaps = Basemaps()
    service = MapService(**{**wmts(mapproxy, "field").__dict__, "attribution": "测试服务 © 县自然资源局"})
    basemaps.add_service(service, name="svc", origins={mapproxy.origin})
    bounds = (111.40, 33.25, 111.56, 33.37)
    image, state = render_map(LayerList([]), SnapshotRequest(600, 400, bounds, basemaps=basemaps, basemap="svc"),
                              timeout_s=CEILING_S)
    pixel = image.pixelColor(300, 200)
    want = field((state["west"] + state["east"]) / 2, (state["south"] + state["north"]) / 2)
    assert abs(pixel.red() - want[0]) < 10 and abs(pixel.green() - want[1]) < 10, (pixel.name(), want)
    assert state["basemap"] == "svc" and state["blocked_requests"] == 0
    pdf = tmp_path / "sheet.pdf"
    write_report(LayerList([]), ReportRequest("测试图", bounds=bounds, review_number="豫S(2026)001号",
                                              basemaps=basemaps, basemap="svc"), pdf)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "底图：测试底图（测试服务 © 县自然资源局）" in text.replace("\n", "")
        assert "审图号 豫S(2026)001号" in text


def test_an_offline_html_export_carries_its_basemap_tiles_within_its_limit(qtbot, mapproxy, tmp_path):
    import re

    from PySide6.QtCore import QUrl

    from xixia_map.data.layers import LayerList
    from xixia_map.export import html_export
    from xixia_map.map.basemaps import Basemaps

    basemaps = Basemaps()
    basemaps.add_service(wmts(mapproxy, "field"), name="svc", origins={mapproxy.origin})
    bounds = (111.44, 33.28, 111.52, 33.34)
    out = tmp_path / "map.html"
    notes = html_export.write_html(LayerList([]), out, bounds, "zh", "测试", basemaps=basemaps, basemap="svc")
    text = out.read_text(encoding="utf-8")
    assert notes and "底图已随文件保存" in notes[0]
    assert text.count("data:image/png;base64,") > 10 and not re.search(r"https?://127\.0\.0\.1", text)
    _config, all_zooms, _cut = html_export.embedded_basemap(basemaps, "svc", bounds)
    _config, zooms, cut = html_export.embedded_basemap(basemaps, "svc", bounds, limit=200_000)
    assert cut and len(zooms) < len(all_zooms)  # a lower limit leaves finer zooms out, and says so
    # the page draws the carried tiles with the network cut (the app's own view blocks everything outside)
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.map.view import MapView

    view = MapView(LayerList([]))
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    wait_until_idle(view, CEILING_S)
    view.handler.set_page("export.html", text)
    with qtbot.waitSignal(view.loadFinished, timeout=CEILING_S * 1000):
        view.load(QUrl("xixia://app/page/export.html"))
    qtbot.waitUntil(lambda: view.evaluate("window.xixia && window.xixia.isIdle && window.xixia.isIdle()") is True,
                    timeout=CEILING_S * 1000)
    # The page carries its tiles as megabytes of data: URIs, so its first frame can
    # come late on a loaded machine; the wait is long, the check is the same.
    image = stable_grab(view, CEILING_S)
    state = view.call_sync("viewState")
    pixel = image.pixelColor(350, 250)
    want = field(state["lng"], state["lat"])
    assert abs(pixel.red() - want[0]) < 10 and abs(pixel.green() - want[1]) < 10, (pixel.name(), want)
    assert view.blocked_requests == 0
    view.close()
