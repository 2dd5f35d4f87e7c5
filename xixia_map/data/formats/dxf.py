"""CAD drawings (.dxf) from design institutes, through GDAL's DXF driver.

GDAL gives one table of entities. A planner thinks of a drawing by what its
entities are, so it is offered as up to four layers: 文字 (text entities, as
labelled points), 点, 线 and 面 (closed polylines, the usual way 红线 are drawn,
become polygons). The CAD layer of each entity stays in its `Layer` field.
The text encoding is judged from the drawing's bytes (dxf_text.py), not taken
from its header, and AutoCAD's \\U+XXXX escapes are decoded.
"""
from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from ..errors import DataError
from ..messages import Text, say
from .dxf_text import CHOICES, TextEncoding, judge, unescape

KINDS = ("文字", "点", "线", "面")
ENCODINGS = CHOICES  # what the layer menu offers for a drawing
_CONFIG_LOCK = threading.Lock()  # GDAL's DXF_ENCODING is a process-wide setting
# Entities GDAL does not turn into features, and why a planner cannot see them.
_SOLIDS = {"3DSOLID", "BODY", "REGION", "SURFACE", "EXTRUDEDSURFACE", "LOFTEDSURFACE", "PLANESURFACE",
           "REVOLVEDSURFACE", "SWEPTSURFACE", "NURBSURFACE", "MESH"}
_IMAGES = {"IMAGE", "WIPEOUT", "OLE2FRAME", "PDFUNDERLAY", "DWFUNDERLAY", "DGNUNDERLAY"}
_NAMES = {"3DSOLID": ("3D solid", "三维实体"), "BODY": ("3D body", "三维体"), "REGION": ("region", "面域"),
          "MESH": ("3D mesh", "三维网格"), "IMAGE": ("raster image reference", "光栅图像引用"),
          "WIPEOUT": ("wipeout", "遮罩"), "OLE2FRAME": ("embedded OLE object", "嵌入的 OLE 对象"),
          "ACAD_PROXY_ENTITY": ("proxy entity", "代理对象"), "VIEWPORT": ("viewport", "视口")}


def entity_types(path: Path) -> Counter:
    """How many of each entity type the ENTITIES section holds (an ASCII DXF;
    a binary one gives an empty count): what a drawing holds when GDAL gives no
    feature. Read line by line, nothing kept but the counts."""
    counts: Counter = Counter()
    try:
        with open(path, "rb") as fh:
            in_entities = False
            lines = iter(fh)
            for code in lines:
                value = next(lines, b"").strip()
                if code.strip() != b"0":
                    if not in_entities and code.strip() == b"2" and value == b"ENTITIES":
                        in_entities = True
                    continue
                if value == b"ENDSEC" and in_entities:
                    break
                if in_entities and value.isascii() and len(value) < 40:
                    counts[value.decode()] += 1
    except OSError:
        pass
    return counts


def _nothing_drawable(counts: Counter) -> Text:
    if not counts:
        return say("the drawing has no entities", "图纸中没有图元")
    shown = counts.most_common(6)
    held_en = ", ".join(f"{n} {kind}" + (f" ({_NAMES[kind][0]})" if kind in _NAMES else "") for kind, n in shown)
    held_zh = "、".join(f"{n} 个 {kind}" + (f"（{_NAMES[kind][1]}）" if kind in _NAMES else "") for kind, n in shown)
    why_en, why_zh = [], []
    if _SOLIDS & set(counts):
        why_en.append("3D solids and surfaces are 3D models (ACIS) with no 2D outline to draw")
        why_zh.append("三维实体和曲面是三维模型（ACIS），没有可绘制的平面轮廓")
    if _IMAGES & set(counts):
        why_en.append("raster image references only point to image files outside the drawing (open a "
                      "georeferenced GeoTIFF of the image instead)")
        why_zh.append("光栅图像引用只指向图纸外的图像文件（请改为打开已配准的 GeoTIFF 影像）")
    if not why_en:
        why_en.append("none of them is a point, line, polyline, hatch or text")
        why_zh.append("其中没有点、线、多段线、填充或文字")
    return say(f"the drawing holds no drawable 2D vector entities, only {held_en}: {'; '.join(why_en)}; "
               "export the 2D plan (lines, polylines, text) from CAD",
               f"图纸中没有可绘制的二维矢量图元，只有 {held_zh}：{'；'.join(why_zh)}；请从 CAD 导出二维平面图（线、多段线、文字）")


def _closed(geometry) -> bool:
    return geometry.geom_type == "LineString" and geometry.is_closed and len(geometry.coords) >= 4


def read_entities(path: Path, encoding: str | None = None) -> tuple[gpd.GeoDataFrame, TextEncoding]:
    """The drawing's entities, text decoded as `encoding` (the planner's choice) or as judged."""
    text = judge(path, encoding)
    with _CONFIG_LOCK:
        pyogrio.set_gdal_config_options({"DXF_ENCODING": text.gdal_name})
        try:
            frame = pyogrio.read_dataframe(str(path), on_invalid="ignore")
        except UnicodeDecodeError:
            raise DataError(path, say(f"its text is not valid {text.encoding}: choose another encoding",
                                      f"文字不是有效的 {text.encoding} 编码，请换一种编码")) from None
        except Exception:
            raise DataError(path, say("not a readable DXF drawing", "不是可读取的 DXF 图纸")) from None
        finally:
            pyogrio.set_gdal_config_options({"DXF_ENCODING": None})
    if len(frame) == 0:
        raise DataError(path, _nothing_drawable(entity_types(path)))
    faces = frame["SubClasses"].fillna("").str.contains("AcDbFace") if "SubClasses" in frame else None
    if faces is not None and faces.all():
        raise DataError(path, say("the drawing holds only 3D faces (3DFACE), which have no plan position to "
                                  "draw; export the 2D plan (lines, polylines, text) from CAD",
                                  "图纸中只有三维面（3DFACE），没有可绘制的平面图形；请从 CAD 导出二维平面图（线、多段线、文字）"))
    frame = frame[~faces] if faces is not None else frame
    frame = frame.copy()
    frame[frame.geometry.name] = shapely.force_2d(frame.geometry.values)
    for column in ("Text", "Layer"):  # GDAL decodes \U+XXXX in MTEXT only
        if column in frame:
            frame[column] = frame[column].map(unescape)
    return frame, text


def split_by_kind(frame: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    geoms = frame.geometry.values
    kinds = np.array(["其他"] * len(frame), dtype=object)
    types = shapely.get_type_id(geoms)
    has_text = frame["Text"].notna().to_numpy() if "Text" in frame else np.zeros(len(frame), dtype=bool)
    points = np.isin(types, (0, 4))
    lines = np.isin(types, (1, 5))
    polygons = np.isin(types, (3, 6))
    closed = np.array([_closed(g) if line else False for g, line in zip(geoms, lines)], dtype=bool)
    kinds[points & has_text] = "文字"
    kinds[points & ~has_text] = "点"
    kinds[lines & ~closed] = "线"
    kinds[polygons | closed] = "面"
    frame = frame.copy()
    if closed.any():
        shapes = np.array(geoms, dtype=object)
        shapes[closed] = [shapely.Polygon(g.coords) for g in geoms[closed]]
        frame[frame.geometry.name] = gpd.GeoSeries(shapes, index=frame.index, crs=frame.crs)
    keep = [c for c in ("Layer", "Text", "Linetype", "EntityHandle") if c in frame.columns]
    parts = {}
    for kind in KINDS:
        part = frame[kinds == kind]
        if len(part):
            columns = keep if kind == "文字" else [c for c in keep if c != "Text"]
            parts[kind] = gpd.GeoDataFrame(part[columns + [frame.geometry.name]], geometry=frame.geometry.name,
                                           crs=frame.crs).reset_index(drop=True)
    return parts


def layers_of(path: Path, encoding: str | None = None) -> list[str]:
    return list(split_by_kind(read_entities(path, encoding)[0]))


def read_kind(path: Path, kind: str | None, encoding: str | None = None, report=None) -> gpd.GeoDataFrame:
    """One kind of entity (文字/点/线/面); `report` hears how the text was decoded."""
    frame, text = read_entities(path, encoding)
    parts = split_by_kind(frame)
    if not parts:
        raise DataError(path, say("the drawing has no points, lines, polygons or text", "图纸中没有点、线、面或文字"))
    if kind is None:
        kind = next(iter(parts))
    if kind not in parts:
        raise DataError(path, say(f"the drawing has no '{kind}' entities (it has: {', '.join(parts)})",
                                  f"图纸中没有“{kind}”图元（其中有：{'、'.join(parts)}）"))
    if report is not None:
        if text.has_text or encoding:
            report.encoding, report.encoding_certain = text.encoding, True
        if text.notice is not None:
            report.warnings.append(text.notice)
    return parts[kind]
