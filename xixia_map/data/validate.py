"""Check a loaded layer against its catalog entry."""
from __future__ import annotations

import numbers

import geopandas as gpd
import pandas as pd

from .catalog import GEOMETRY_KINDS, LayerSpec
from .errors import DataError


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


def validate_layer(spec: LayerSpec, frame: gpd.GeoDataFrame) -> None:
    path = spec.path
    for name in spec.required_fields:
        if name not in frame.columns:
            raise DataError(path, "required field is missing from every feature", field=name)
    allowed = GEOMETRY_KINDS[spec.geometry] | (GEOMETRY_KINDS["Polygon"] if spec.areas else set())
    ids = frame["id"] if "id" in frame.columns else pd.Series(range(len(frame)))
    for row, geom_type in enumerate(frame.geom_type):
        if geom_type not in allowed:
            raise DataError(path, f"geometry is {geom_type}, catalog says {spec.geometry}",
                            feature=ids.iloc[row])
    for name in spec.required_fields:
        blank = frame[name].map(_blank)
        if blank.any():
            raise DataError(path, "is empty", feature=ids[blank].iloc[0], field=name)
    accuracy = frame["accuracy_m"]
    for row, value in enumerate(accuracy):
        if not isinstance(value, numbers.Real) or value <= 0:
            raise DataError(path, f"must be a positive number of metres, got {value!r}",
                            feature=ids.iloc[row], field="accuracy_m")
    duplicated = ids[ids.duplicated()]
    if len(duplicated):
        raise DataError(path, "duplicate id", feature=duplicated.iloc[0], field="id")
    for detail in spec.detail_fields:
        if detail.field not in frame.columns:
            raise DataError(path, "catalog lists it for details but no feature has it",
                            field=detail.field)
