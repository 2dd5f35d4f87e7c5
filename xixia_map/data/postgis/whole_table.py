"""A PostGIS table read whole, as a small file is, up to a number of rows."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from psycopg import sql

from ..errors import DataError
from ..feature_checks import drop_missing
from ..messages import say
from ..read_report import ReadReport
from .browse import TableInfo
from .connection import PgConnection, connect
from .curves import curved_condition, decode, linear, may_curve
from .table import _keyed


class TooManyRows(Exception):
    """The table holds more rows than may be read whole."""


def read_small_table(connection: PgConnection, info: TableInfo, password: str | None = None, *,
                     max_rows: int | None = None, report: ReadReport | None = None) -> gpd.GeoDataFrame:
    """A table read whole (as a small file is), in lon/lat, with its primary key as
    `id`; at most `max_rows` rows (TooManyRows past them: never a table read into
    memory without bound). Curves come cut into straight segments, counted in `report`."""
    import psycopg

    report = report if report is not None else ReadReport()
    table, column = sql.Identifier(info.schema, info.table), sql.Identifier(info.geometry_column)
    with connect(connection, password, autocommit=True) as conn:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        described = conn.execute(sql.SQL("SELECT * FROM {t} LIMIT 0").format(t=table))
        columns = [d.name for d in described.description if d.name != info.geometry_column]
        curved = curved_condition(column) if may_curve(info.geometry_type) else sql.SQL("false")
        try:
            rows = conn.execute(sql.SQL("SELECT {cols}, ST_AsBinary(ST_Transform({g}, 4326)), {curved} FROM {t}"
                                        + (" ORDER BY {pk}" if info.primary_key else "") + " LIMIT %s").format(
                cols=sql.SQL(", ").join(sql.Identifier(n) for n in columns), g=linear(column, info.geometry_type),
                curved=curved, t=table, pk=sql.Identifier(info.primary_key or info.geometry_column)),
                ((max_rows + 1) if max_rows is not None else None,)).fetchall()
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            raise DataError(connection.label(), say(f"cannot read {info.name} ({first})",
                                                    f"无法读取数据表 {info.name}（{first}）")) from None
    if max_rows is not None and len(rows) > max_rows:
        raise TooManyRows(max_rows)
    frame = pd.DataFrame([r[:-2] for r in rows], columns=columns)
    if info.primary_key:
        frame = _keyed(frame, info.primary_key)
    geometry, problems = decode([r[-2] for r in rows])
    frame = gpd.GeoDataFrame(frame, geometry=list(geometry), crs=4326)
    if len(frame):
        names = frame["id"] if info.primary_key else pd.Series([f"#{i + 1}" for i in range(len(frame))])
        frame, _names = drop_missing(Path(connection.label()) / info.name, frame, names, report, problems)
    arcs = sum(1 for r in rows if r[-1])
    if arcs:
        report.warnings.append(say(
            f"{arcs} curved geometries (arcs) were read as straight segments, 32 to a quarter circle",
            f"{arcs} 个曲线几何（圆弧）已按每四分之一圆 32 段折线读取"))
    return frame
