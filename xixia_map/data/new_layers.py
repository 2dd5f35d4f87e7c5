"""A new layer of the planner's own data, as the app first shows it: an id from
its file's name, a title, a label field, and a style of its own (the 三调
colours where the data has 三调 classes). The drivers (drivers/) and the
PostGIS tables (postgis/layer.py) make their layers here."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from .catalog import DetailField, LayerSpec
from .feature_source import StreamedSource
from .frame_features import geometry_kind
from .layer_kinds import RasterLayer, StreamedLayer, VectorLayer
from .messages import say

# Distinct from the bundled layers' colours, so user data stands out.
PALETTE = ["#e7298a", "#7570b3", "#d95f02", "#1b9e77", "#66a61e", "#e6ab02", "#a6761d"]
# Name-like fields, most specific first (DLMC: 三调 地类名称; Text: a CAD text entity).
_NAME_FIELDS = ("name_zh", "name", "名称", "NAME", "Name", "mc", "MC", "xmmc", "项目名称", "XMMC", "DLMC", "XZQMC",
                "ZLDWMC", "Text")
_counter = itertools.count()
FILE_ID_FIELD = "id（文件）"


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


def _spec(path: Path, frame, kind: str, style: dict | None, taken, layer: str | None, name: str,
          text_as_labels: bool = False) -> LayerSpec:
    """A user layer's spec: its id, name, label field (the first name-like
    field), every column as a detail, and its own colour unless `style` is given.
    `text_as_labels`: CAD text entities are text on the drawing, shown as labels, not on hover."""
    label = next((f for f in _NAME_FIELDS if f in frame.columns), "id")
    label_mode = "permanent" if text_as_labels and label == "Text" and kind == "Point" else "hover"
    default = auto_style(kind, PALETTE[next(_counter) % len(PALETTE)])
    fields = tuple(DetailField(str(c), str(c), str(c)) for c in frame.columns if c != frame.geometry.name)
    return LayerSpec(id=layer_id_for(Path(f"{path.stem}_{layer}") if layer else path, taken),
                     title_zh=name, title_en=name, path=path, geometry=kind, category="user",
                     style=style or default, label_field=label, label_mode=label_mode, detail_fields=fields,
                     group="user")


def _unique_ids(frame, report):
    """The app keys features by `id`; a file's own id column is kept as the key
    only when its values are unique and filled. Otherwise (two features both
    "A", as merged lists have) a click would find the wrong one, so the file's
    values move, unchanged, to their own field and features are numbered."""
    if "id" in frame.columns:
        ids = frame["id"]
        filled = ids.notna() & (ids.astype(str) != "")
        if filled.all() and ids.astype(str).is_unique:
            frame["id"] = ids.astype(str)
            return frame
        frame = frame.rename(columns={"id": FILE_ID_FIELD})
        dupes = ids[ids.astype(str).duplicated(keep=False) & filled].astype(str).unique().tolist()
        shown = ", ".join(dupes[:5]) + (" …" if len(dupes) > 5 else "")
        report.warnings.append(say(
            f"the file's id field is not unique ({shown or 'empty values'}): features are numbered 1…n, "
            f"and the file's values are kept in the field '{FILE_ID_FIELD}'",
            f"文件的 id 字段有重复或空值（{shown or '空值'}）：要素按 1…n 编号，原值保留在“{FILE_ID_FIELD}”字段"))
    frame.insert(0, "id", [str(i + 1) for i in range(len(frame))])
    return frame


def vector_layer(path: Path, frame, report, taken, layer: str | None, name: str) -> VectorLayer:
    """Features read whole: keyed by a unique `id`, styled from their kind (and 三调 classes)."""
    frame = _unique_ids(frame.reset_index(drop=True), report)
    kind = geometry_kind(frame)
    style = None
    if kind == "Polygon":
        from .sandiao import sandiao_style

        style = sandiao_style(frame)  # DLBM/DLMC: the 三调 colours and class names
    return VectorLayer(spec=_spec(path, frame, kind, style, taken, layer, name, text_as_labels=True), frame=frame,
                       report=report)


def streamed_layer(path: Path, features: StreamedSource, report, taken, layer: str | None, name: str) -> StreamedLayer:
    """A layer too large to hold (a large file's store, or a database table read
    per view): styled from the columns its style needs, read once."""
    from .sandiao import AREA_FIELDS, field_of, style_for_totals

    frame = features.empty_frame()
    kind = features.kind
    style = None
    found = field_of(frame) if kind == "Polygon" else None
    if found is not None:  # the 三调 colours: class areas summed where the features are, not in Python
        listed = next((f for f in AREA_FIELDS if f in features.fields), None)
        totals = features.class_areas(found[1], listed)
        if totals is not None:
            style = style_for_totals(found[0], found[1], totals)
    return StreamedLayer(spec=_spec(path, frame, kind, style, taken, layer, name), frame=frame, report=report,
                         features=features)


RASTER_FIELDS_EN = {"名称": "Name", "类型": "Kind", "宽度（像素）": "Width (px)", "高度（像素）": "Height (px)",
                    "波段数": "Bands", "分辨率（米）": "Resolution (m)", "坐标系": "Coordinate system",
                    "金字塔": "Overviews", "高程范围（米）": "Elevation range (m)"}


def raster_layer(path: Path, info, taken, name: str) -> RasterLayer:
    """Imagery or a DEM (a RasterInfo): its footprint outlined, not filled."""
    from .raster import footprint_frame, raster_report

    frame = footprint_frame(info)
    style = {"stroke": "#666666", "weight": 1, "fill": "#bbbbbb", "fill_opacity": 0.0}
    fields = tuple(DetailField(c, c, RASTER_FIELDS_EN.get(c, c)) for c in frame.columns if c != "geometry")
    spec = LayerSpec(id=layer_id_for(Path(path), taken), title_zh=name, title_en=name, path=Path(path),
                     geometry="Polygon", category="user", style=style, label_field="名称", detail_fields=fields,
                     group="user")
    return RasterLayer(spec=spec, frame=frame, report=raster_report(info), raster=info)
