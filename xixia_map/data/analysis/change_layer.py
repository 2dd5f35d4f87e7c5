"""The 变化图斑 of a comparison (change.py) as a map layer: written to a
GeoPackage (so a saved project finds the layer again, and 导出数据 can take it
anywhere), opened as any file is, and coloured by transition (耕地→建设用地,
林地→耕地 …): the largest transitions by area each a colour of their own, the
rest grey, each with its area in the legend."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyogrio

from ..app_dirs import cache_dir
from ..atomic_write import atomic_path
from ..measure import SQUARE_METRES_PER_MU
from .change import LandChange
from .change_tables import changes_frame

LAYER = "变化图斑"
FIELD = "变化类型"
# ColorBrewer Set1 and Dark2 (qualitative): transitions told apart, none grey.
COLOURS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#1b9e77", "#d95f02",
           "#7570b3")
REST_COLOUR = "#9e9e9e"


def results_folder() -> Path:
    return cache_dir() / "land_change"


def write_changes(change: LandChange, out: Path | None = None) -> Path:
    """The 变化图斑 as a GeoPackage layer; by default a new file in results_folder()."""
    if out is None:
        folder = results_folder() / f"{dt.datetime.now():%Y%m%d_%H%M%S_%f}"  # a comparison's own folder
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / "变化图斑.gpkg"
    with atomic_path(out) as tmp:
        pyogrio.write_dataframe(changes_frame(change), tmp, layer=LAYER, driver="GPKG")
    return out


def transition_style(frame) -> dict:
    """One colour per transition, largest first (COLOURS, then grey), the area in the legend."""
    totals = pd.Series(frame["面积_平方米"].to_numpy(dtype=float), index=frame[FIELD].astype(str).to_numpy())
    totals = totals.groupby(level=0).sum().sort_values(ascending=False)
    values = {}
    for rank, (name, area) in enumerate(totals.items()):
        values[name] = {"color": COLOURS[rank] if rank < len(COLOURS) else REST_COLOUR,
                        "label_zh": name, "label_en": name, "area_m2": float(area),
                        "area_text": f"{area / 10000:,.2f} 公顷 / {area / SQUARE_METRES_PER_MU:,.1f} 亩"}
    return {"stroke": "#333333", "weight": 0.8, "fill": REST_COLOUR, "fill_opacity": 0.75,
            "color_by": {"field": FIELD, "values": values}}


def change_layer(change: LandChange, taken, title: str):
    """The layer, ready for the map: read back from its file, styled by transition."""
    from ..user_layers import layer_from_file

    path = write_changes(change)
    layer = layer_from_file(path, taken, layer=LAYER, title=title)
    layer.restyle(transition_style(layer.frame), FIELD)
    return layer
