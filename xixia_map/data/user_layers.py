"""Turn any readable vector file into a Layer with automatic styling."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from .catalog import DetailField, LayerSpec
from .layers import Layer
from .reader import read_vector

# Distinct from the bundled layers' colours, so user data stands out.
PALETTE = ["#e7298a", "#7570b3", "#d95f02", "#1b9e77", "#66a61e", "#e6ab02", "#a6761d"]
_NAME_FIELDS = ("name_zh", "name", "名称", "NAME", "Name", "mc", "MC", "xmmc", "项目名称")
_counter = itertools.count()


def _geometry_kind(frame) -> str:
    kinds = set(frame.geom_type)
    if kinds <= {"Point", "MultiPoint"}:
        return "Point"
    if kinds <= {"LineString", "MultiLineString"}:
        return "LineString"
    return "Polygon"


def auto_style(kind: str, color: str) -> dict:
    if kind == "Point":
        return {"marker": "circle", "fill": color, "stroke": "#222222", "radius": 6}
    if kind == "LineString":
        return {"stroke": color, "weight": 3, "opacity": 0.9}
    return {"stroke": color, "weight": 1.5, "fill": color, "fill_opacity": 0.35}


def layer_id_for(path: Path, taken) -> str:
    from pypinyin import lazy_pinyin

    stem = "_".join(lazy_pinyin(Path(path).stem))  # 三调图斑 -> san_diao_tu_ban
    base = re.sub(r"[^0-9a-zA-Z_]+", "_", stem).strip("_").lower() or "layer"
    base = re.sub(r"_+", "_", base)
    candidate, n = f"user_{base}", 2
    while candidate in taken:
        candidate, n = f"user_{base}_{n}", n + 1
    return candidate


def layer_from_file(path, taken=(), layer: str | None = None, *, assume_crs=None, progress=None,
                    cancelled=None, title: str | None = None) -> Layer:
    path = Path(path)
    frame, report = read_vector(path, layer=layer, id_field=None, assume_crs=assume_crs,
                                progress=progress, cancelled=cancelled)
    built = _layer(path, frame, report, taken, layer, title)
    built.source_layer = layer
    built.assume_crs = assume_crs
    return built


def layer_from_table(path, frame, columns: tuple[str, str], taken=()) -> Layer:
    """A table whose coordinate columns the user named."""
    from .reader import ReadReport, _normalise_crs
    from .tabular import table_to_points

    path = Path(path)
    points = table_to_points(path, frame, columns)
    report = ReadReport()
    points = _normalise_crs(path, points, report)
    return _layer(path, points, report, taken, None, None)


def _layer(path: Path, frame, report, taken, layer: str | None, title: str | None) -> Layer:
    frame = frame.reset_index(drop=True)
    if "id" not in frame.columns:
        frame.insert(0, "id", [str(i + 1) for i in range(len(frame))])
    frame["id"] = frame["id"].astype(str)
    label = next((f for f in _NAME_FIELDS if f in frame.columns), "id")
    kind = _geometry_kind(frame)
    color = PALETTE[next(_counter) % len(PALETTE)]
    fields = tuple(DetailField(str(c), str(c), str(c)) for c in frame.columns if c != frame.geometry.name)
    name = title or (f"{path.stem} · {layer}" if layer else path.stem)
    spec = LayerSpec(id=layer_id_for(Path(f"{path.stem}_{layer}") if layer else path, taken),
                     title_zh=name, title_en=name, path=path,
                     geometry=kind, category="user", style=auto_style(kind, color), label_field=label,
                     detail_fields=fields, group="user")
    return Layer(spec=spec, frame=frame, report=report)
