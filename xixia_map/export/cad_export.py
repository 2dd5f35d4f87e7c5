"""Vector layers as a DXF drawing for design institutes (ezdxf: GDAL's DXF
writer keeps neither CAD layer tables nor text entities as text).

A drawing is in plane metres, so features go out in CGCS2000 3° Gauss-Krüger
zone 37 (EPSG:4525) unless another projected CRS is asked for; each app layer
becomes a CAD layer named by its title; polygons become closed polylines (holes
too), lines polylines, points a POINT with its label as TEXT beside it.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from ..data.atomic_write import atomic_path

DEFAULT_CRS = 4525
TEXT_HEIGHT_M = 8.0


def _cad_layer_name(name: str) -> str:
    # AutoCAD forbids < > / \ " : ; ? * | = ` in layer names.
    cleaned = "".join("_" if c in '<>/\\":;?*|=`' else c for c in str(name)).strip()
    return cleaned[:200] or "layer"


def write_dxf(parts: list[tuple[str, gpd.GeoDataFrame, str | None]], out: Path, crs: int = DEFAULT_CRS) -> None:
    """`parts`: (CAD layer name, features in EPSG:4326, label field or None)."""
    import ezdxf

    doc = ezdxf.new("R2010", setup=True)  # R2010: text is UTF-8, so Chinese survives
    doc.header["$INSUNITS"] = 6  # metres
    msp = doc.modelspace()
    for name, frame, label_field in parts:
        layer = _cad_layer_name(name)
        if layer not in doc.layers:
            doc.layers.add(layer)
        projected = frame.to_crs(crs)
        labels = projected[label_field].astype(str).tolist() if label_field in projected.columns else [None] * len(projected)
        for geometry, label in zip(projected.geometry, labels):
            _add(msp, geometry, layer, label)
    with atomic_path(Path(out)) as tmp:
        doc.saveas(tmp)


def _add(msp, geometry, layer: str, label: str | None) -> None:
    if geometry is None or geometry.is_empty:
        return
    kind = geometry.geom_type
    attribs = {"layer": layer}
    if kind.startswith("Multi") or kind == "GeometryCollection":
        for part in geometry.geoms:
            _add(msp, part, layer, label)
        return
    if kind == "Polygon":
        for ring in [geometry.exterior, *geometry.interiors]:
            msp.add_lwpolyline(list(ring.coords)[:-1], close=True, dxfattribs=attribs)
    elif kind == "LineString":
        msp.add_lwpolyline(list(geometry.coords), dxfattribs=attribs)
    elif kind == "Point":
        msp.add_point((geometry.x, geometry.y), dxfattribs=attribs)
        if label:
            msp.add_text(label, dxfattribs={**attribs, "insert": (geometry.x + TEXT_HEIGHT_M / 2, geometry.y),
                                           "height": TEXT_HEIGHT_M})
