"""The map page's layer config, and the page itself (folium's element tree is in folium_page.py).

Layer data is not inlined: the page fetches `xixia://app/data/<id>.geojson`, so the
page stays a few kilobytes whatever the data size. `inline=True` embeds the data
instead, for the self-contained HTML export.
"""
from __future__ import annotations

import hashlib
import json
import re

from ..data.layers import Layer, LayerList, RasterLayer
from .assets import CLIENT_SCRIPTS, ORIGIN, TEST_PROBES, asset_url
from .page_skeleton import CONFIG_PLACEHOLDER, DEFAULT_CENTER, page_skeleton


def data_url(layer_id: str) -> str:
    return f"{ORIGIN}/data/{layer_id}.geojson"


def feature_collection(layer: Layer, with_details: bool = False, frame=None) -> dict:
    """The minimum the page needs of `frame` (the layer's, unless given): id,
    label and style fields. Details stay in Python, except in a standalone
    export, which carries them for its popups."""
    spec = layer.spec
    # estimated/stand_in: the hollow or dashed symbol; accuracy_m: the zoom limit;
    # within: a feature whose site is unknown inside an area of the same layer.
    keep = ["id", spec.label_field, "name_en", "estimated", "stand_in", "accuracy_m", "within"]
    if with_details:
        keep += [d.field for d in spec.detail_fields]
    for rule in ("color_by", "graduated", "label_min_zoom"):
        if spec.style.get(rule):
            keep.append(spec.style[rule]["field"])
    frame = layer.frame if frame is None else frame
    columns = [c for c in dict.fromkeys(keep) if c in frame.columns]
    frame = frame[columns + [frame.geometry.name]]
    if spec.category == "township" and "name_en" in frame.columns:
        frame = frame.assign(label_en=short_english(frame["name_en"]))
    return json.loads(frame.to_json(drop_id=True))


def layer_tiles_url(layer_id: str) -> str:
    return f"{ORIGIN}/layertiles/{layer_id}/{{z}}/{{x}}/{{y}}"


def label_field(layer: Layer, lang: str) -> str:
    """The English window labels the bundled layers from their `name_en`; a
    planner's own choice of label field is kept in either language."""
    field = layer.spec.label_field
    if lang == "en" and field == "name_zh" and "name_en" in layer.frame.columns:
        return "label_en" if layer.spec.category == "township" else "name_en"
    return field


def short_english(names) -> list:
    """A township's English map label without its kind ("Miping", not "Miping Town"),
    as English maps of China label towns: at county zoom the full names ran into
    each other. The details panel keeps the full name."""
    return [_KIND_SUFFIX.sub("", n) if isinstance(n, str) else n for n in names]


_KIND_SUFFIX = re.compile(r"\s+(Town|Township|Subdistrict)$")


def layer_config(layer: Layer, inline: bool, lang: str = "zh") -> dict:
    spec = layer.spec
    entry = {
        "id": spec.id, "title": spec.title_zh, "geometry": spec.geometry, "style": spec.style,
        "label_field": label_field(layer, lang), "label_mode": spec.label_mode,
        "visible": layer.visible, "opacity": layer.opacity, "identifiable": layer.clickable,
    }
    from .layer_tiles import CANVAS_PADDING, TILE_PX, ZOOM_OFFSET, drawn_as_tiles

    if isinstance(layer, RasterLayer):
        from .raster_tiles import TILE_SIZE, max_native_zoom

        # Read window by window (raster_tiles.py); the query makes a re-tinted DEM new tiles to Chromium.
        entry["raster"] = layer_tiles_url(spec.id) + f"?tint={int(layer.tinted)}"
        entry["raster_bounds"] = list(layer.raster.bounds_wgs84)
        entry["max_native_zoom"] = max_native_zoom(layer.raster)
        entry["tile_px"] = TILE_SIZE
    elif drawn_as_tiles(layer) and not inline:
        # drawn in Python (layer_tiles.py); the query makes tiles without a hidden class new
        # to Chromium: a digest, so a class value from a file never becomes URL text
        hidden = "\n".join(sorted(layer.hidden_classes)).encode("utf-8")
        entry["tiles"] = layer_tiles_url(spec.id) + (f"?hide={hashlib.sha1(hidden).hexdigest()[:12]}"
                                                     if layer.hidden_classes else "")
        entry["tile_px"] = TILE_PX
        entry["zoom_offset"] = -ZOOM_OFFSET
        entry["canvas_padding"] = CANVAS_PADDING  # the plan of tiles to preload covers it too
        entry["count"] = layer.feature_count
    elif inline:
        entry["data"] = feature_collection(layer, with_details=True)
        entry["details"] = [[d.field, d.label(lang)] for d in spec.detail_fields
                            if d.field in layer.frame.columns]
        if layer.hidden_classes:
            entry["shown"] = layer.drawn_ids()
    else:
        entry["url"] = data_url(spec.id)  # every feature (all_features); `shown` says which to draw
        shown = layer.drawn_ids()
        if shown is not None:
            entry["shown"] = shown
    return entry


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def config_to_js(config: dict) -> str:
    """The config as a JSON literal safe inside a <script> element: no attribute text
    can close the element or open a comment (<, >, &), and U+2028/2029, which JSON
    allows raw but older JavaScript parsers treat as line ends, are escaped too."""
    return json.dumps(config, ensure_ascii=False).translate(_SCRIPT_UNSAFE)


def build_page(layers: LayerList, *, bounds=None, inline: bool = False, lang: str = "zh",
               basemap: dict | None = None, probes: bool = False, shown: set[str] | None = None) -> str:
    """The app's page fetches its data and comes from the cached skeleton (see
    page_skeleton.py); the self-contained export inlines its data into a skeleton
    centred on its bounds.

    Either way the config is put in by plain string replacement *after* folium
    has rendered: branca compiles each element's rendered script as a new Jinja2
    template, so data that went through folium would be run as template code
    (`{{ ... }}` from a file executed, `{% ...` crashing the export).

    `probes`: the app's page also loads the tests' probes (assets.TEST_PROBES),
    after the client's scripts; a standalone page never carries them.

    `shown`: the layers a view with a layer set of its own draws (分屏); None: those the tree shows."""
    if probes and inline:
        raise ValueError("a standalone page never carries the test probes")
    if bounds is None:
        bounds = layers["county"].bounds() if "county" in layers else None
    entries = [layer_config(layer, inline, lang) for layer in layers]
    if shown is not None:
        for entry in entries:
            entry["visible"] = entry["id"] in shown
    config = {"bounds": list(bounds) if bounds else None, "basemap": basemap, "lang": lang, "layers": entries}
    if inline:
        from .folium_page import render_page

        center = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2] if bounds else DEFAULT_CENTER
        skeleton = render_page(CONFIG_PLACEHOLDER, center)
    else:
        skeleton = page_skeleton()
    if probes:
        skeleton = with_test_probes(skeleton)
    head, placeholder, tail = skeleton.partition(CONFIG_PLACEHOLDER)
    if not placeholder or CONFIG_PLACEHOLDER in tail:
        raise RuntimeError("the page template must hold the layer config exactly once")
    return head + config_to_js(config) + tail


def with_test_probes(html: str) -> str:
    """The page with a script tag for the test probes right after the client's last script."""
    last = f'<script src="{asset_url(CLIENT_SCRIPTS[-1])}"></script>'
    if html.count(last) != 1:
        raise RuntimeError("the page template must load the client's scripts exactly once")
    return html.replace(last, last + f'\n    <script src="{asset_url(TEST_PROBES)}"></script>')
