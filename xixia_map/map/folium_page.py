"""The folium/branca element tree of the map page: an offline Leaflet map plus our layer client."""
from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from .assets import CLIENT_SCRIPTS, asset_url, page_css, page_js


class OfflineMap(folium.Map):
    """folium.Map whose assets are local files, never CDN links."""

    default_js = page_js() + [(name.replace("/", "_").removesuffix(".js"), asset_url(name)) for name in CLIENT_SCRIPTS]
    default_css = page_css()


class LayerClient(MacroElement):
    """Hands the layer config to the page's client (api.js) once the Leaflet map exists."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.xixia.init({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, config_json: str):
        super().__init__()
        self._name = "XixiaLayers"
        self.config_json = config_json


def render_page(config_js: str, center: list[float]) -> str:
    fmap = OfflineMap(location=center, zoom_start=9, tiles=None, control_scale=False,  # client.js adds a metric one
                      fade_animation=False, zoom_animation=False, marker_zoom_animation=False,
                      zoom_snap=0.25, prefer_canvas=False)
    fmap.add_child(LayerClient(config_js))
    return fmap.get_root().render()
