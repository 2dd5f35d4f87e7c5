"""Curved geometries (SQL/MM) in PostGIS, read as the app can draw them."""
from __future__ import annotations

import numpy as np
import shapely
from psycopg import sql

from ..messages import Text, say

# PostGIS's curved types (SQL/MM): GEOS and shapely read none of them, so they
# are cut into straight segments on the server (ST_CurveToLine, 32 per quarter
# circle) wherever the column may hold one; a plain typed column is read as is.
CURVED = ("CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE", "MULTISURFACE")
_MAY_CURVE = CURVED + ("GEOMETRY", "GEOMETRYCOLLECTION")


def may_curve(geometry_type: str) -> bool:
    """Whether a column of this declared type may hold a curve (`CURVEPOLYGONZ`,
    `GEOMETRY` … count; `MULTIPOLYGON` does not)."""
    return geometry_type.upper().rstrip("ZM") in _MAY_CURVE


def linear(geometry: sql.Composable, geometry_type: str) -> sql.Composable:
    """The column's geometry with any curve cut into straight segments."""
    return sql.SQL("ST_CurveToLine({g})").format(g=geometry) if may_curve(geometry_type) else geometry


def curved_condition(geometry: sql.Composable) -> sql.Composable:
    """True for a row whose geometry has a curve (an arc, or a curved type without one)."""
    return sql.SQL("(ST_HasArc({g}) OR GeometryType({g}) IN ({types}))").format(
        g=geometry, types=sql.SQL(", ").join(sql.Literal(t) for t in CURVED))


def decode(blobs: list) -> tuple[np.ndarray, dict[int, Text]]:
    """WKB to shapes, and per row that shapely cannot read (a TIN, a polyhedral
    surface, a curve that escaped) why: such a row is left out and named
    (feature_checks.drop_missing), not the whole table refused."""
    array = np.asarray([bytes(b) if b is not None else None for b in blobs], dtype=object)
    try:
        out = shapely.from_wkb(array, on_invalid="ignore")
    except (NotImplementedError, shapely.errors.GEOSException):  # shapely reads no curve, even to ignore it
        out = np.empty(len(array), dtype=object)
        for i, blob in enumerate(array):
            try:
                out[i] = shapely.from_wkb(blob, on_invalid="ignore")
            except (NotImplementedError, shapely.errors.GEOSException):
                out[i] = None
    unreadable = say("has a geometry type the app cannot draw (such as a TIN or a polyhedral surface)",
                     "几何类型无法显示（如 TIN 或多面体表面）")
    return out, {i: unreadable for i in range(len(array)) if array[i] is not None and out[i] is None}
