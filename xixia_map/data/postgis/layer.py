"""A PostGIS table as a layer of the map: small ones read whole, large ones per view."""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..messages import say
from ..read_report import ReadReport
from .browse import find_table
from .connection import PgConnection, connect
from .table import TableFeatures, read_small_table


def describe_source(connection: PgConnection, schema: str, table: str) -> dict:
    """What a project file records of the layer: the connection (no password) and the table."""
    return {"connection": connection.to_project(), "schema": schema, "table": table}


def layer_from_postgis(connection: PgConnection, schema: str, table: str, taken=(), *, password: str | None = None,
                       title: str | None = None):
    from ..large.opening import LARGE_LAYER_FEATURES
    from ..user_layers import _layer, large_layer_from_features

    with connect(connection, password) as conn:
        info = find_table(conn, schema, table)
    if info is None:
        raise DataError(connection.label(), say(
            f"no table {schema}.{table} with a geometry column that this user may read",
            f"没有可读取的含几何字段的数据表 {schema}.{table}（表不存在、没有几何字段或没有读取权限）"))
    label = Path(connection.label()) / f"{schema}.{table}"
    name = title or f"{table}"
    estimate = info.rows_estimate
    if estimate is not None and estimate > LARGE_LAYER_FEATURES and info.primary_key:
        features = TableFeatures(connection, info, password)
        layer = large_layer_from_features(label, features, ReadReport(), taken, None, name)
    else:
        frame = read_small_table(connection, info, password)
        if len(frame) == 0:
            raise DataError(label, say("the table has no rows", "数据表中没有数据"))
        report = ReadReport()
        report.source_crs = f"EPSG:{info.srid}"
        layer = _layer(label, frame, report, taken, None, name)
    layer.source_db = describe_source(connection, schema, table)
    return layer
