"""A PostGIS table as a layer of the map: small ones read whole, large ones per view."""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..layer import Layer
from ..layer_origin import TableOrigin
from ..new_layers import streamed_layer, vector_layer
from ..messages import say
from ..read_report import ReadReport
from .browse import find_table, qualified_name
from .connection import PgConnection, connect
from .curves import CURVED
from .table import TableFeatures
from .whole_table import TooManyRows, read_small_table


def layer_from_postgis(connection: PgConnection, schema: str | None, table: str, taken=(), *,
                       password: str | None = None, title: str | None = None) -> Layer:
    """The table as a layer: read whole up to opening.LARGE_LAYER_FEATURES rows,
    drawn per view beyond (by its integer primary key; a table that large without
    one is refused, not read into memory). `schema` None: `table` is a dotted
    name as written (browse.split_qualified)."""
    from ..large import opening

    with connect(connection, password) as conn:
        try:
            info = find_table(conn, schema, table)
        except DataError as exc:
            raise DataError(connection.label(), exc.text) from None
    if info is None:
        name = qualified_name(schema, table) if schema is not None else table
        raise DataError(connection.label(), say(
            f"no table {name} with a geometry column that this user may read",
            f"没有可读取的含几何字段的数据表 {name}（表不存在、没有几何字段或没有读取权限）"))
    label = Path(connection.label()) / info.name
    name = title or f"{info.table}"
    limit = opening.LARGE_LAYER_FEATURES
    estimate = info.rows_estimate
    tiled = estimate is not None and estimate > limit
    report = ReadReport()
    layer: Layer
    if not tiled:
        try:
            frame = read_small_table(connection, info, password, max_rows=limit, report=report)
        except TooManyRows:
            tiled, estimate = True, None  # the statistics are out of date: the table has grown
    if tiled:
        if not (info.primary_key and info.integer_key):
            size = say(f"about {estimate:,} rows", f"约 {estimate:,} 行") if estimate is not None else \
                say(f"more than {limit:,} rows", f"超过 {limit:,} 行")
            raise DataError(label, say(
                f"the table has {size.en} and no one-column integer primary key. A table this large is drawn per "
                f"view, which needs that key, and reading it whole would take too much memory (over {limit:,} "
                "rows), so it was not opened: a database administrator can add one (ALTER TABLE … ADD COLUMN gid "
                "bigserial PRIMARY KEY)",
                f"数据表有{size.zh}，且没有单列整数主键。这么大的表需按主键逐视图读取，整表读入内存（超过 {limit:,} 行）"
                "又会占用过多内存，因此未打开：可请数据库管理员添加主键（ALTER TABLE … ADD COLUMN gid bigserial PRIMARY KEY）"))
        features = TableFeatures(connection, info, password)
        if info.geometry_type.upper().rstrip("ZM") in CURVED:
            report.warnings.append(say("curved geometries (arcs) are drawn as straight segments, 32 to a quarter "
                                       "circle", "曲线几何（圆弧）按每四分之一圆 32 段折线显示"))
        layer = streamed_layer(label, features, report, taken, None, name)
    else:
        if len(frame) == 0:
            raise DataError(label, say("the table has no rows", "数据表中没有数据"))
        report.source_crs = f"EPSG:{info.srid}"
        layer = vector_layer(label, frame, report, taken, None, name)
    # What a project file records of the layer: the connection (no password) and the table.
    layer.origin = TableOrigin(connection.to_project(), info.schema, info.table)
    return layer
