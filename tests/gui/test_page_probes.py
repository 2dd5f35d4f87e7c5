"""The page's client scripts load in their stated order, and window.xixia's
test-only members (static/test_probes.js) reach a page only when the tests ask:
never the planner's, never a standalone export."""
import json
import re

import pytest
from ceilings import CEILING_MS

from xixia_map.export.html_export import standalone_html
from xixia_map.map.assets import ASSET_PREFIX, CLIENT_SCRIPTS, TEST_PROBES, TEST_PROBES_VARIABLE, resolve_asset
from xixia_map.map.page import build_page


def _scripts(html: str) -> list[str]:
    return [src.removeprefix(ASSET_PREFIX) for src in re.findall(r'<script src="([^"]+)"></script>', html)]


def test_the_client_scripts_load_in_their_order_and_each_is_one_file_of_modest_size(bundled_layers):
    scripts = _scripts(build_page(bundled_layers))
    assert [s for s in scripts if s.startswith("xixia/")] == list(CLIENT_SCRIPTS)
    assert scripts.index("leaflet/leaflet.js") < scripts.index(CLIENT_SCRIPTS[0])
    for name in CLIENT_SCRIPTS + (TEST_PROBES,):
        path = resolve_asset(name)
        assert path is not None, name
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, name


def test_probes_come_after_the_client_only_when_asked(bundled_layers):
    plain = build_page(bundled_layers)
    assert TEST_PROBES not in plain
    probed = _scripts(build_page(bundled_layers, probes=True))
    assert probed[-1] == TEST_PROBES and probed[-2] == CLIENT_SCRIPTS[-1]
    with pytest.raises(ValueError):
        build_page(bundled_layers, inline=True, probes=True)


def test_a_standalone_export_carries_no_probe(bundled_layers, monkeypatch):
    monkeypatch.setenv(TEST_PROBES_VARIABLE, "1")
    html = standalone_html(bundled_layers)
    assert "test_probes" not in html and "_state" not in html and "featurePointAt" not in html
    assert "window.xixia.init(" in html and "L.Xixia.Client" in html  # the client itself is there


def test_the_planners_page_has_no_probe(qtbot, bundled_layers, monkeypatch):
    from xixia_map.map.view import MapView

    monkeypatch.delenv(TEST_PROBES_VARIABLE)
    view = MapView(bundled_layers)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.is_ready, timeout=CEILING_MS)
    members = set(json.loads(view.evaluate("JSON.stringify(Object.keys(window.xixia))")))
    assert {"init", "select", "setVisible", "startMeasure", "setDraggable", "fence"} <= members
    probes = {"_state", "featureCount", "featurePoint", "featurePointAt", "clickFeature", "selectedId",
              "visibleLayers", "layerZ", "tileCount", "preloadState", "measureShown", "clearMeasure",
              "uncertaintyShown", "membersOf", "shownElements", "dragFeatureTo", "vertexPoints"}
    assert not members & probes
    assert view.evaluate("typeof window.xixia._core") == "undefined"
    view.close()
