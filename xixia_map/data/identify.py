"""Every feature under a click, as a GIS identifies them: points first, then
lines, then areas (within each, the layer drawn on top first), points and
lines within a few screen pixels, areas containing the spot. Only visible,
identifiable vector layers of a size the page draws as features count;
large layers answer through their own tile index (map/layer_tiles.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

EARTH_CIRCUMFERENCE = 40_075_016.686
KIND_ORDER = {"Point": 0, "MultiPoint": 0, "LineString": 1, "MultiLineString": 1, "Polygon": 2, "MultiPolygon": 2}


@dataclass(frozen=True)
class Hit:
    layer_id: str
    feature_id: str
    label: str
    kind: int  # 0 point, 1 line, 2 area


def metres_per_pixel(zoom: float, lat: float) -> float:
    return EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / (256 * 2 ** zoom)


def features_at(layers, lon: float, lat: float, zoom: float, tolerance_px: float = 6,
                max_features: int = 5000) -> list[Hit]:
    spot = shapely.Point(lon, lat)
    # Degrees of longitude and latitude the tolerance spans here; distances are
    # measured on a plane scaled so both axes are metres.
    metres = tolerance_px * metres_per_pixel(zoom, lat)
    scale = math.cos(math.radians(lat))
    hits: list[tuple[int, int, Hit]] = []
    ordered = list(layers)
    for depth, layer in enumerate(reversed(ordered)):
        frame = layer.drawn_frame()  # a hidden legend class is not clicked either
        if (not layer.visible or not layer.clickable or layer.is_raster or len(frame) > max_features
                or len(frame) == 0):
            continue
        geometry = frame.geometry.to_numpy()
        kinds = np.array([KIND_ORDER.get(t, 2) for t in frame.geom_type])
        flat = shapely.transform(geometry, lambda xy: xy * np.array([scale, 1.0]))
        here = shapely.Point(lon * scale, lat)
        near = shapely.distance(flat, here) * 111_320 <= metres
        inside = shapely.contains_xy(geometry, lon, lat) | shapely.touches(geometry, spot)
        found = np.where(kinds == 2, inside, near)
        within = frame["within"].to_numpy() if "within" in frame.columns else None
        for row in np.flatnonzero(found):
            if within is not None and isinstance(within[row], str) and within[row]:
                continue  # listed on its area, not a place of its own
            label = frame[layer.spec.label_field].iloc[row] if layer.spec.label_field in frame.columns else None
            fid = str(frame["id"].iloc[row]) if "id" in frame.columns else str(row)
            hits.append((int(kinds[row]), depth, Hit(layer.id, fid, "" if label is None else str(label), int(kinds[row]))))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits]
