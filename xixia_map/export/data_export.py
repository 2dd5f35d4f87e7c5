"""Write features to GeoJSON, GeoPackage or CSV, atomically."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..data.layers import Layer
from ..data.atomic_write import atomic_path

FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG", ".csv": "CSV"}


def selection_frame(layers: list[Layer], ids: dict[str, list[str]] | None = None) -> gpd.GeoDataFrame:
    """Features of the given layers (all, or only `ids[layer_id]`), with a `layer` column."""
    parts = []
    for layer in layers:
        frame = layer.frame
        if ids is not None:
            frame = frame[frame["id"].isin(ids.get(layer.id, []))]
        if len(frame):
            parts.append(frame.assign(layer=layer.id))
    if not parts:
        raise ValueError("nothing to export: no features selected")
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=4326)


def write_features(frame: gpd.GeoDataFrame, out: Path, csv_geometry: str = "wkt") -> None:
    out = Path(out)
    driver = FORMATS.get(out.suffix.lower())
    if driver is None:
        raise ValueError(f"unknown data format '{out.suffix}' (use {', '.join(FORMATS)})")
    with atomic_path(out) as tmp:
        if driver == "CSV":
            table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
            if csv_geometry == "lonlat":
                points = frame.geometry.representative_point()
                table["lon"], table["lat"] = points.x.round(6), points.y.round(6)
            else:
                table["wkt"] = frame.geometry.to_wkt()
            table.to_csv(tmp, index=False, encoding="utf-8-sig")
        elif driver == "GPKG":
            for layer_id, part in frame.groupby("layer", sort=False):
                part.to_file(tmp, driver="GPKG", layer=str(layer_id), engine="pyogrio")
        else:
            frame.to_file(tmp, driver="GeoJSON", engine="pyogrio")
