"""CAD drawings (.dxf) from design institutes, through GDAL's DXF driver.

GDAL gives one table of entities. A planner thinks of a drawing by what its
entities are, so it is offered as up to four layers: 文字 (text entities, as
labelled points), 点, 线 and 面 (closed polylines, the usual way 红线 are drawn,
become polygons). The CAD layer of each entity stays in its `Layer` field.
Text is decoded as the drawing says: UTF-8 from AutoCAD 2007 (AC1021) on,
else its $DWGCODEPAGE (ANSI_936 is GBK); GDAL alone reads newer files as Latin-1.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from ..errors import DataError
from ..messages import say

KINDS = ("文字", "点", "线", "面")
CODEPAGES = {"ANSI_936": "CP936", "ANSI_950": "CP950", "ANSI_1252": "CP1252", "UTF-8": "UTF-8", "UTF8": "UTF-8"}
_CONFIG_LOCK = threading.Lock()  # GDAL's DXF_ENCODING is a process-wide setting


def drawing_encoding(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536).decode("latin-1")
    except OSError as exc:
        raise DataError(path, say(f"cannot read the file ({exc.strerror})", f"无法读取该文件（{exc.strerror}）")) from None
    version = re.search(r"\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*(AC\d{4})", head)
    if version and version.group(1) >= "AC1021":
        return "UTF-8"
    codepage = re.search(r"\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(\S+)", head)
    return CODEPAGES.get(codepage.group(1).upper(), "CP936") if codepage else "CP936"


def _closed(geometry) -> bool:
    return geometry.geom_type == "LineString" and geometry.is_closed and len(geometry.coords) >= 4


def read_entities(path: Path) -> gpd.GeoDataFrame:
    encoding = drawing_encoding(path)
    with _CONFIG_LOCK:
        pyogrio.set_gdal_config_options({"DXF_ENCODING": encoding})
        try:
            frame = pyogrio.read_dataframe(str(path), on_invalid="ignore")
        except Exception:
            raise DataError(path, say("not a readable DXF drawing", "不是可读取的 DXF 图纸")) from None
        finally:
            pyogrio.set_gdal_config_options({"DXF_ENCODING": None})
    if len(frame) == 0:
        raise DataError(path, say("the drawing has no entities", "图纸中没有图元"))
    faces = frame["SubClasses"].fillna("").str.contains("AcDbFace") if "SubClasses" in frame else None
    if faces is not None and faces.all():
        raise DataError(path, say("the drawing holds only 3D faces (3DFACE), which have no plan position to "
                                  "draw; export the 2D plan (lines, polylines, text) from CAD",
                                  "图纸中只有三维面（3DFACE），没有可绘制的平面图形；请从 CAD 导出二维平面图（线、多段线、文字）"))
    frame = frame[~faces] if faces is not None else frame
    frame = frame.copy()
    frame[frame.geometry.name] = shapely.force_2d(frame.geometry.values)
    return frame


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


def layers_of(path: Path) -> list[str]:
    return list(split_by_kind(read_entities(path)))


def read_kind(path: Path, kind: str | None) -> gpd.GeoDataFrame:
    parts = split_by_kind(read_entities(path))
    if not parts:
        raise DataError(path, say("the drawing has no points, lines, polygons or text", "图纸中没有点、线、面或文字"))
    if kind is None:
        kind = next(iter(parts))
    if kind not in parts:
        raise DataError(path, say(f"the drawing has no '{kind}' entities (it has: {', '.join(parts)})",
                                  f"图纸中没有“{kind}”图元（其中有：{'、'.join(parts)}）"))
    return parts[kind]
