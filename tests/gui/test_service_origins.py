"""No request reaches an origin the planner did not allow, whatever a server says.

Real servers on loopback, each recording every request it gets and the Host it
was sent to: a service on 127.0.0.1 whose capabilities document names its tiles
on `localhost` (the same port: another origin) and on another port of
127.0.0.1; a tile and capabilities server answering 302 to another port. The
planner allows one origin; the others must receive nothing: for capabilities,
the map's tiles, an offline package and an HTML export's carried tiles, and
through the service dialog's own widgets.
"""
import json
from urllib.parse import parse_qs

import mercantile
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from tile_services import CEILING_S, Served, tile_png

from windows import make_window
from xixia_map.data.errors import DataError
from xixia_map.data.services import capabilities as caps
from xixia_map.data.services.allowance import origin_of
from xixia_map.data.services.model import MapService
from xixia_map.map.capture import wait_until_idle

TILE = mercantile.tile(111.48, 33.31, 12)
MATRIX = """<TileMatrix><ows:Identifier>{z}</ows:Identifier><ScaleDenominator>{scale}</ScaleDenominator>
<TopLeftCorner>-20037508.3427892 20037508.3427892</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight>
<MatrixWidth>{n}</MatrixWidth><MatrixHeight>{n}</MatrixHeight></TileMatrix>"""


def capabilities(here: str, elsewhere: str) -> bytes:
    """A WMTS document served from `here` (an origin) naming tiles on `elsewhere` origins: layer
    `home` on `here` itself (REST), `named_host` on localhost at here's port (REST), and `other_port`
    through the service's GetTile address, which is on another port."""
    port = here.rsplit(":", 1)[1]
    matrices = "".join(MATRIX.format(z=z, scale=559082264.0287178 / 2 ** z, n=2 ** z) for z in range(0, 15))

    def layer(name: str, template: str | None) -> str:
        rest = (f'<ResourceURL format="image/png" resourceType="tile" template="{template}"/>' if template else "")
        return (f"<Layer><ows:Title>{name}</ows:Title><ows:Identifier>{name}</ows:Identifier>"
                '<Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>'
                f"<Format>image/png</Format><TileMatrixSetLink><TileMatrixSet>g</TileMatrixSet></TileMatrixSetLink>"
                f"{rest}</Layer>")

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1"
 xmlns:xlink="http://www.w3.org/1999/xlink" version="1.0.0">
<ows:ServiceIdentification><ows:Title>origins</ows:Title><ows:ServiceType>OGC WMTS</ows:ServiceType>
<ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion></ows:ServiceIdentification>
<ows:OperationsMetadata><ows:Operation name="GetTile"><ows:DCP><ows:HTTP>
<ows:Get xlink:href="{elsewhere}/kvp?"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value>
</ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation></ows:OperationsMetadata>
<Contents>
{layer("home", here + "/rest/{TileMatrix}/{TileRow}/{TileCol}.png")}
{layer("named_host", f"http://localhost:{port}/rest/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png")}
{layer("other_port", None)}
<TileMatrixSet><ows:Identifier>g</ows:Identifier><ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>
{matrices}</TileMatrixSet>
</Contents></Capabilities>""".encode("utf-8")


class Trap:
    """The planner's service (a WMTS, tiles, redirects to `target`) and the origins it must not reach."""

    def __init__(self):
        self.home = Served(self.app)  # the origin the planner enters and allows
        self.other = Served(self.app)  # another port of 127.0.0.1: another origin
        self.target = self.other

    def app(self, environ, start_response):
        path, query = environ.get("PATH_INFO", ""), parse_qs(environ.get("QUERY_STRING", ""))
        parts = path.strip("/").split("/")
        if parts[0] == "wmts":
            body = capabilities(self.home.origin, self.other.origin)
            start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))])
            return [body]
        if parts[0] == "rest" and len(parts) == 4:  # /rest/{TileMatrix}/{TileRow}/{TileCol}.png
            z, row, col = int(parts[1]), int(parts[2]), int(parts[3].split(".")[0])
            return self._png(start_response, tile_png(z, col, row))
        if parts[0] == "xyz" and len(parts) == 4:
            z, x, y = int(parts[1]), int(parts[2]), int(parts[3].split(".")[0])
            return self._png(start_response, tile_png(z, x, y))
        if parts[0] == "kvp":
            z, y, x = (int(query[k][0]) for k in ("TILEMATRIX", "TILEROW", "TILECOL"))
            return self._png(start_response, tile_png(z, x, y))
        if parts[0] == "redirect":  # /redirect/z/x/y.png -> the other origin's tile
            location = f"{self.target.origin}/xyz/{'/'.join(parts[1:])}"
            start_response("302 Found", [("Location", location), ("Content-Length", "0")])
            return [b""]
        if parts[0] == "same-origin-redirect":
            start_response("302 Found", [("Location", "/wmts"), ("Content-Length", "0")])
            return [b""]
        if parts[0] == "caps-redirect":
            start_response("302 Found", [("Location", f"{self.target.origin}/wmts"), ("Content-Length", "0")])
            return [b""]
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]

    @staticmethod
    def _png(start_response, body: bytes):
        start_response("200 OK", [("Content-Type", "image/png"), ("Content-Length", str(len(body)))])
        return [body]

    def stop(self) -> None:
        self.home.stop()
        self.other.stop()

    def by_name_localhost(self) -> list[str]:
        """Requests the home server got under the name `localhost` (the same port, another origin)."""
        return [h for h in self.home.hosts if h.lower().startswith("localhost")]


@pytest.fixture
def trap():
    served = Trap()
    yield served
    served.stop()


@pytest.mark.parametrize("url,origin", [
    ("HTTP://LocalHost:80/x", "http://localhost"),
    ("https://t0.tianditu.gov.cn:443/vec_w/wmts?tk=1", "https://t0.tianditu.gov.cn"),
    ("http://127.0.0.1:8080/a/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ("http://[::1]:9/x", "http://[::1]:9"),
    ("http://u:p@127.0.0.1/", None),  # a user name or password: never sent anywhere
    ("ftp://127.0.0.1/x", None),
    ("http://{s}.example.cn/x", None),  # a template host: nothing to allow
    ("//127.0.0.1/x", None),
    ("http://127.0.0.1:0/x", None),
    ("http://127.0.0.1:99999/x", None),
    ("file:///etc/passwd", None),
])
def test_an_origin_is_scheme_host_and_port(url, origin):
    assert origin_of(url) == origin


def test_127_0_0_1_and_localhost_and_another_port_are_three_origins():
    assert len({origin_of("http://127.0.0.1:8000/"), origin_of("http://localhost:8000/"),
                origin_of("http://127.0.0.1:8001/")}) == 3


def wmts_layers(trap):
    url = f"{trap.home.base}/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"
    found, parsed = caps.wmts_layers(url, caps.fetch(url, {trap.home.origin}))
    return {layer.identifier: caps.wmts_service(layer.identifier, layer.title, url, parsed, layer) for layer in found}


def test_a_capabilities_document_cannot_widen_what_the_planner_allowed(trap):
    from xixia_map.map.basemaps import Basemaps

    services = wmts_layers(trap)
    assert services["home"].origins() == {trap.home.origin}
    assert services["named_host"].origins() == {f"http://localhost:{trap.home.port}"}
    assert services["other_port"].origins() == {trap.other.origin}
    basemaps = Basemaps()
    for name, service in services.items():
        basemaps.add_service(service, name=name, origins={trap.home.origin})  # what the planner allowed
    asked = len(trap.home.requests)
    assert basemaps.services.get("home").tile(TILE.z, TILE.x, TILE.y)  # the allowed origin is asked
    assert len(trap.home.requests) == asked + 1
    for name in ("named_host", "other_port"):
        assert basemaps.services.get(name).tile(TILE.z, TILE.x, TILE.y) is None
    assert basemaps.fetcher.refused == 2
    assert trap.other.requests == [] and trap.by_name_localhost() == []
    assert len(trap.home.requests) == asked + 1


def test_redirects_are_never_followed_for_capabilities(trap):
    with pytest.raises(DataError) as refused:
        caps.fetch(f"{trap.home.base}/caps-redirect", {trap.home.origin, trap.other.origin})  # even if allowed
    assert f"转到了 {trap.other.origin}" in refused.value.one_line("zh")
    assert "redirect" in refused.value.one_line("en")
    with pytest.raises(DataError):
        caps.fetch(f"{trap.home.base}/same-origin-redirect", {trap.home.origin})  # not followed either
    assert trap.other.requests == [] and len(trap.home.requests) == 2


def redirecting(trap) -> MapService:
    return MapService("r", "转向的服务", "xyz", trap.home.base + "/redirect/{z}/{x}/{y}.png", offline_allowed=True)


def test_a_tile_redirected_to_another_port_is_not_fetched(trap):
    from xixia_map.map.service_tiles import ServiceFetcher, ServiceTiles

    fetcher = ServiceFetcher()
    fetcher.allowed = frozenset({trap.home.origin, trap.other.origin})  # even the target allowed: not followed
    assert ServiceTiles(redirecting(trap), fetcher).tile(TILE.z, TILE.x, TILE.y) is None
    assert fetcher.redirects == [(trap.home.origin, trap.other.origin)] and fetcher.refused == 1
    assert trap.other.requests == [] and len(trap.home.requests) == 1


def test_an_offline_package_and_an_html_export_follow_no_redirect(qapp, trap, tmp_path):
    from xixia_map.data.layers import LayerList
    from xixia_map.export.html_export import write_html
    from xixia_map.map.basemaps import Basemaps
    from xixia_map.map.offline_package import PackagePlan, download

    basemaps = Basemaps()
    basemaps.add_service(redirecting(trap), name="r", origins={trap.home.origin})
    plan = PackagePlan((111.47, 33.30, 111.49, 33.32), 12, 12)
    result = download(basemaps.services.get("r"), redirecting(trap), plan, tmp_path / "p.mbtiles", rate_per_s=0)
    assert result.written == 0 and result.failed == plan.count()
    notes = write_html(LayerList([]), tmp_path / "map.html", (111.47, 33.30, 111.49, 33.32), "zh", "测试",
                       basemaps=basemaps, basemap="r")
    assert notes == []  # no basemap tile carried (it would say which zooms)
    assert len(trap.home.requests) > 0 and trap.other.requests == []


def click(qtbot, widget) -> None:
    """As the planner would: once the widget is on screen (a new checkbox is shown by its layout, later),
    on a checkbox's box itself (the widget may be wider than its label)."""
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    qtbot.waitUntil(widget.isVisible, timeout=CEILING_S * 1000)
    pos = widget.rect().center()
    if isinstance(widget, QCheckBox):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        pos = widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, widget).center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def choose_layer(qtbot, dialog, identifier: str) -> None:
    row = next(i for i in range(dialog.layers.count()) if dialog.layers.item(i).text().startswith(identifier))
    rect = dialog.layers.visualItemRect(dialog.layers.item(row))
    qtbot.mouseClick(dialog.layers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.layers.currentRow() == row


def show_the_basemap(window) -> None:
    view = window.map_view
    view.call_sync("setViewNoAnim", 111.48, 33.31, 12)
    wait_until_idle(view, CEILING_S)


def test_the_service_dialog_allows_only_the_origins_the_planner_ticked(qtbot, window, trap):  # noqa: F811
    window.add_map_service()
    dialog = window.service_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("wmts"))
    qtbot.keyClicks(dialog.url, f"{trap.home.base}/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")
    assert trap.home.origin in dialog.allow.text() and "localhost" not in dialog.allow.text()
    click(qtbot, dialog.read_button)
    assert "允许" in dialog.status.text() and trap.home.requests == []  # not allowed yet: nothing asked
    click(qtbot, dialog.allow)
    assert dialog.allow.isChecked()
    click(qtbot, dialog.read_button)
    qtbot.waitUntil(lambda: not dialog.jobs and dialog.layers.count() == 3, timeout=CEILING_S * 1000)

    # A layer whose tiles the document puts on localhost: shown, not allowed, not asked.
    choose_layer(qtbot, dialog, "named_host")
    localhost = f"http://localhost:{trap.home.port}"
    assert list(dialog.extra) == [localhost] and not dialog.extra[localhost].isChecked()
    assert dialog.extra_box.isVisibleTo(dialog) and localhost in dialog.extra[localhost].text()
    click(qtbot, dialog.add_button)
    name = window.map_view.basemap
    assert window.map_view.basemaps.allowed_origins(name) == {trap.home.origin}
    assert localhost in dialog.status.text()  # said: that origin is not allowed, so not asked
    refused = window.map_view.basemaps.fetcher.refused
    show_the_basemap(window)
    qtbot.waitUntil(lambda: window.map_view.basemaps.fetcher.refused > refused, timeout=CEILING_S * 1000)

    # The GetTile address on another port: ticked by the planner, so asked, and only then.
    choose_layer(qtbot, dialog, "other_port")
    assert list(dialog.extra) == [trap.other.origin] and not dialog.extra[trap.other.origin].isChecked()
    assert trap.other.requests == []
    click(qtbot, dialog.extra[trap.other.origin])
    click(qtbot, dialog.add_button)
    name = window.map_view.basemap
    assert window.map_view.basemaps.allowed_origins(name) == {trap.home.origin, trap.other.origin}
    show_the_basemap(window)
    qtbot.waitUntil(lambda: len(trap.other.requests) > 0, timeout=CEILING_S * 1000)
    assert all(r.startswith("/kvp") for r in trap.other.requests)
    assert trap.by_name_localhost() == []  # localhost was never allowed, and never asked
    from xixia_map.ui.basemap_control import basemaps_from_settings

    again, _chosen, _problems = basemaps_from_settings()  # remembered as allowed: these origins, no more
    assert again.allowed_origins(name) == {trap.home.origin, trap.other.origin}
    dialog.close()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_a_service_allowed_by_an_earlier_version_is_asked_again(qtbot, tmp_path, monkeypatch, catalog, dialogs,
                                                                trap, answer):
    from xixia_map.ui.basemap_control import SERVICES_KEY
    from xixia_map.ui.settings import open_settings

    service = MapService("xyz", "旧服务", "xyz", trap.other.base + "/xyz/{z}/{x}/{y}.png")
    earlier = [{"name": "service1_xyz", "allowed": True, "services": [service.to_settings()]}]
    open_settings().setValue(SERVICES_KEY, json.dumps(earlier, ensure_ascii=False))
    open_settings().setValue("basemap", "service1_xyz")
    dialogs.answer = answer
    win = make_window(qtbot, catalog)
    win.dialogs = dialogs
    _title, text, _format = dialogs[-1]
    assert "旧版本" in text and trap.other.origin in text  # the planner sees every origin it would reach
    basemaps = win.map_view.basemaps
    saved = json.loads(open_settings().value(SERVICES_KEY))[0]
    if answer == QMessageBox.StandardButton.Yes:
        assert basemaps.allowed_origins("service1_xyz") == {trap.other.origin}
        assert saved["origins"] == [trap.other.origin] and "allowed" not in saved
        show_the_basemap(win)
        qtbot.waitUntil(lambda: len(trap.other.requests) > 0, timeout=CEILING_S * 1000)
    else:
        assert not basemaps.is_allowed("service1_xyz") and saved["origins"] == []
        show_the_basemap(win)
        assert trap.other.requests == [] and basemaps.fetcher.refused > 0
