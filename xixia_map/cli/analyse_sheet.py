"""`xixia-map analyse … --out report.pdf|.png`: the A4 占地分析 sheet without a
window. The map shows the county's outline, roads, rivers and township seats,
the land-use parcels in the 三调 colours and the control lines around the site
(read from their files for the map's box only), and the site outlined in red."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import geopandas as gpd

# The control lines as county maps draw them: farmland yellow, the ecological red line green, the
# development boundary a dashed purple outline (no fill, so the land use shows through).
CONTROL_STYLES = {
    "farmland": {"stroke": "#c79100", "weight": 1.5, "fill": "#ffd54f", "fill_opacity": 0.35},
    "eco_redline": {"stroke": "#1b5e20", "weight": 1.5, "fill": "#66bb6a", "fill_opacity": 0.3},
    "dev_boundary": {"stroke": "#6a1b9a", "weight": 2, "fill": "#6a1b9a", "fill_opacity": 0.0, "dash": "8 4"},
}
BACKGROUND = ("county", "roads", "rivers", "townships")


_qt_app: object = None  # the QApplication _start_qt made, if it made one


def _start_qt() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, whatever the session has
    from ..map.qt_log import install_qt_message_handler
    from ..map.runtime import prepare_web_engine

    install_qt_message_handler()
    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    global _qt_app
    if QApplication.instance() is None:
        _qt_app = QApplication(sys.argv[:1])  # kept: Qt needs it alive while drawing


def map_layers(frames: dict[str, tuple[gpd.GeoDataFrame, Path, str | None]], lang: str):
    """The county's background layers and each role's features read for the map, as layers."""
    from ..data.catalog import load_catalog
    from ..data.layers import LayerList
    from ..data.new_layers import vector_layer
    from ..data.read_report import ReadReport
    from ..data.analysis.roles import ROLE_WORDS
    from ..paths import CATALOG_PATH

    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    for layer in list(layers):
        if layer.id not in BACKGROUND:
            layers.remove(layer.id)
    legend = []
    for role in ("landuse", "farmland", "eco_redline", "dev_boundary"):
        if role not in frames or len(frames[role][0]) == 0:
            continue
        frame, path, inner = frames[role]
        name = ROLE_WORDS[role][0 if lang == "zh" else 1]
        layer = vector_layer(path, frame.copy(), ReadReport(), layers.ids(), inner, name)
        if role in CONTROL_STYLES:
            layer.spec = replace(layer.spec, style=dict(CONTROL_STYLES[role]))
        layers.append(layer)
        legend.append(layer.id)
    return layers, tuple(legend)


def write_sheet(site, analysis, sources, frames, title: str, out: Path, lang: str, notes=()) -> None:
    _start_qt()
    from ..export.analysis_sheet import SheetRequest, write_analysis_sheet

    layers, legend = map_layers(frames, lang)
    request = SheetRequest(title, notes=tuple(notes), legend=legend, sources=tuple(sources))
    write_analysis_sheet(layers, site, analysis, request, out, lang)
