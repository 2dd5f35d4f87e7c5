"""Turn any readable vector file into a Layer with automatic styling."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from .catalog import DetailField, LayerSpec
from .frame_features import geometry_kind
from .layer import Layer
from .layer_kinds import RasterLayer, StreamedLayer, VectorLayer
from .layer_origin import FileOrigin
from .reader import read_vector

# Distinct from the bundled layers' colours, so user data stands out.
PALETTE = ["#e7298a", "#7570b3", "#d95f02", "#1b9e77", "#66a61e", "#e6ab02", "#a6761d"]
# Name-like fields, most specific first (DLMC: 三调 地类名称; Text: a CAD text entity).
_NAME_FIELDS = ("name_zh", "name", "名称", "NAME", "Name", "mc", "MC", "xmmc", "项目名称", "XMMC", "DLMC", "XZQMC",
                "ZLDWMC", "Text")
_counter = itertools.count()


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


def layer_from_file(path, taken=(), layer: str | None = None, *, assume_crs=None, swap_axes: bool = False,
                    encoding: str | None = None, progress=None, cancelled=None, title: str | None = None) -> Layer:
    path = Path(path)
    from .raster import RASTER_SUFFIXES

    if path.suffix.lower() in RASTER_SUFFIXES:
        return layer_from_raster(path, taken, assume_crs=assume_crs, title=title)
    from .large.opening import default_layer, is_large, open_large

    large_layer = default_layer(path, layer) if path.suffix.lower() == ".gdb" else layer
    if is_large(path, large_layer, encoding):
        features, report = open_large(path, large_layer, assume_crs=assume_crs, swap_axes=swap_axes,
                                      encoding=encoding, progress=progress, cancelled=cancelled)
        built = large_layer_from_features(path, features, report, taken, layer, title)
    else:
        frame, report = read_vector(path, layer=layer, id_field=None, assume_crs=assume_crs, swap_axes=swap_axes,
                                    encoding=encoding, progress=progress, cancelled=cancelled)
        built = _layer(path, frame, report, taken, layer, title)
    built.origin = _file_origin(path, built.report, layer=layer, assume_crs=assume_crs, swap_axes=swap_axes,
                                encoding=encoding)
    return built


def _file_origin(path: Path, report, **answers) -> FileOrigin:
    from .reader import encodings_for

    offered = report.encoding or path.suffix.lower() in (".shp", ".zip", ".csv", ".dxf")
    return FileOrigin(**answers, encodings=encodings_for(path) if offered else ())


def layer_from_raster(path, taken=(), *, assume_crs=None, title: str | None = None) -> Layer:
    from .raster import footprint_frame, raster_report, read_raster_info

    info = read_raster_info(path, assume_crs)
    name = title or Path(path).stem
    style = {"stroke": "#666666", "weight": 1, "fill": "#bbbbbb", "fill_opacity": 0.0}
    fields = tuple(DetailField(c, c, c) for c in footprint_frame(info).columns if c != "geometry")
    spec = LayerSpec(id=layer_id_for(Path(path), taken), title_zh=name, title_en=name, path=Path(path),
                     geometry="Polygon", category="user", style=style, label_field="名称", detail_fields=fields,
                     group="user")
    return RasterLayer(spec=spec, frame=footprint_frame(info), report=raster_report(info), raster=info,
                       origin=FileOrigin(assume_crs=assume_crs))


def layer_from_table(path, frame, columns: tuple[str, str], taken=()) -> Layer:
    """A table whose coordinate columns the user named."""
    from .crs_checks import normalise
    from .feature_checks import feature_names
    from .read_report import ReadReport
    from .tabular import table_to_points

    path = Path(path)
    report = ReadReport()
    points = table_to_points(path, frame, columns, report=report)
    points, _names = normalise(path, points, feature_names(points), report)
    built = _layer(path, points.reset_index(drop=True), report, taken, None, None)
    built.origin = _file_origin(path, report)
    return built


FILE_ID_FIELD = "id（文件）"


def _unique_ids(frame, report):
    """The app keys features by `id`; a file's own id column is kept as the key
    only when its values are unique and filled. Otherwise (two features both
    "A", as merged lists have) a click would find the wrong one, so the file's
    values move, unchanged, to their own field and features are numbered."""
    from .messages import say

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


def large_layer_from_features(path: Path, features, report, taken, layer: str | None, title: str | None) -> Layer:
    """A layer too large to hold (a large file's store, or a database table read
    per view): styled from the columns its style needs, read once."""
    from .sandiao import AREA_FIELDS, field_of, style_for_totals

    frame = features.empty_frame()
    kind = features.kind
    label = next((f for f in _NAME_FIELDS if f in frame.columns), "id")
    style = auto_style(kind, PALETTE[next(_counter) % len(PALETTE)])
    found = field_of(frame) if kind == "Polygon" else None
    if found is not None:  # the 三调 colours: class areas summed where the features are, not in Python
        listed = next((f for f in AREA_FIELDS if f in features.fields), None)
        totals = features.class_areas(found[1], listed)
        if totals is not None:
            style = style_for_totals(found[0], found[1], totals)
    fields = tuple(DetailField(str(c), str(c), str(c)) for c in frame.columns if c != frame.geometry.name)
    name = title or default_title(path, layer)
    spec = LayerSpec(id=layer_id_for(Path(f"{path.stem}_{layer}") if layer else path, taken),
                     title_zh=name, title_en=name, path=path, geometry=kind, category="user", style=style,
                     label_field=label, label_mode="hover", detail_fields=fields, group="user")
    return StreamedLayer(spec=spec, frame=frame, report=report, features=features)


def default_title(path: Path, layer: str | None) -> str:
    """A new layer's name until the planner renames it: the file's name, and the
    layer inside it (a DXF's 面 as 规划（面）, a GeoPackage's layer after a dot)."""
    path = Path(path)
    if not layer:
        return path.stem
    if path.suffix.lower() == ".dxf":
        return f"{path.stem}（{layer}）"
    return f"{path.stem} · {layer}"


def _layer(path: Path, frame, report, taken, layer: str | None, title: str | None) -> Layer:
    frame = frame.reset_index(drop=True)
    frame = _unique_ids(frame, report)
    label = next((f for f in _NAME_FIELDS if f in frame.columns), "id")
    kind = geometry_kind(frame)
    # CAD text entities are text on the drawing: shown as labels, not on hover.
    label_mode = "permanent" if label == "Text" and kind == "Point" else "hover"
    color = PALETTE[next(_counter) % len(PALETTE)]
    style = auto_style(kind, color)
    if kind == "Polygon":
        from .sandiao import sandiao_style

        style = sandiao_style(frame) or style  # DLBM/DLMC: the 三调 colours and class names
    fields = tuple(DetailField(str(c), str(c), str(c)) for c in frame.columns if c != frame.geometry.name)
    name = title or default_title(path, layer)
    spec = LayerSpec(id=layer_id_for(Path(f"{path.stem}_{layer}") if layer else path, taken),
                     title_zh=name, title_en=name, path=path,
                     geometry=kind, category="user", style=style, label_field=label, label_mode=label_mode,
                     detail_fields=fields, group="user")
    return VectorLayer(spec=spec, frame=frame, report=report)
