"""Build the map page with folium/branca: an offline Leaflet map plus our layer client.

Layer data is not inlined: the page fetches `xixia://app/data/<id>.geojson`, so the
page stays a few kilobytes whatever the data size. `inline=True` embeds the data
instead, for the self-contained HTML export.
"""
from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from ..data.layers import Layer, LayerList
from .assets import ORIGIN, asset_url, page_css, page_js


class OfflineMap(folium.Map):
    """folium.Map whose assets are local files, never CDN links."""

    default_js = page_js() + [("xixia_map", asset_url("xixia/map.js"))]
    default_css = page_css()


class LayerClient(MacroElement):
    """Hands the layer config to map.js once the Leaflet map exists."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.xixia.init({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, config: dict):
        super().__init__()
        self._name = "XixiaLayers"
        # "<" escaped so no attribute text can close the <script> element.
        self.config_json = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")


def data_url(layer_id: str) -> str:
    return f"{ORIGIN}/data/{layer_id}.geojson"


def feature_collection(layer: Layer, with_details: bool = False) -> dict:
    """The minimum the page needs: id, label and style fields. Details stay in
    Python, except in a standalone export, which carries them for its popups."""
    spec = layer.spec
    keep = ["id", spec.label_field]
    if with_details:
        keep += [d.field for d in spec.detail_fields]
    for rule in ("color_by", "label_min_zoom"):
        if spec.style.get(rule):
            keep.append(spec.style[rule]["field"])
    columns = [c for c in dict.fromkeys(keep) if c in layer.frame.columns]
    return json.loads(layer.frame[columns + [layer.frame.geometry.name]].to_json(drop_id=True))


def layer_tiles_url(layer_id: str) -> str:
    return f"{ORIGIN}/layertiles/{layer_id}/{{z}}/{{x}}/{{y}}"


def layer_config(layer: Layer, inline: bool, lang: str = "zh") -> dict:
    spec = layer.spec
    entry = {
        "id": spec.id, "title": spec.title_zh, "geometry": spec.geometry, "style": spec.style,
        "label_field": spec.label_field, "label_mode": spec.label_mode,
        "visible": layer.visible, "opacity": layer.opacity,
    }
    from .layer_tiles import TILE_PX, TILE_THRESHOLD

    if len(layer.frame) > TILE_THRESHOLD and not inline:
        entry["tiles"] = layer_tiles_url(spec.id)  # drawn in Python, see layer_tiles.py
        entry["tile_px"] = TILE_PX
        entry["count"] = len(layer.frame)
    elif inline:
        entry["data"] = feature_collection(layer, with_details=True)
        entry["details"] = [[d.field, d.label(lang)] for d in spec.detail_fields
                            if d.field in layer.frame.columns]
    else:
        entry["url"] = data_url(spec.id)
    return entry


def build_page(layers: LayerList, *, bounds=None, inline: bool = False, lang: str = "zh",
               basemap: dict | None = None) -> str:
    if bounds is None:
        bounds = layers["county"].bounds() if "county" in layers else None
    center = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2] if bounds else [33.3, 111.48]
    fmap = OfflineMap(location=center, zoom_start=9, tiles=None, control_scale=True,
                      fade_animation=False, zoom_animation=False, marker_zoom_animation=False,
                      zoom_snap=0.25, prefer_canvas=False)
    fmap.add_child(LayerClient({"bounds": list(bounds) if bounds else None, "basemap": basemap,
                                "layers": [layer_config(layer, inline, lang) for layer in layers]}))
    return fmap.get_root().render()
