"""The database's tables with a geometry column, as QGIS's browser lists them."""
from __future__ import annotations

from dataclasses import dataclass

# PostGIS's own catalogue (geometry_columns), with the planner's read right,
# the planner's estimate of the rows (the statistics, not a count: a count
# reads every row of a large table), and a one-column primary key to key
# features by. No part of it is text from the planner.
_TABLES = """
SELECT g.f_table_schema, g.f_table_name, g.f_geometry_column, g.srid, g.type,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END,
       (SELECT a.attname FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnkeyatts = 1 LIMIT 1)
  FROM geometry_columns g
  JOIN pg_namespace n ON n.nspname = g.f_table_schema
  JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name
 WHERE has_table_privilege(c.oid, 'SELECT')
 ORDER BY 1, 2, 3
"""


@dataclass(frozen=True)
class TableInfo:
    schema: str
    table: str
    geometry_column: str
    srid: int
    geometry_type: str
    rows_estimate: int | None  # None: the table was never analysed
    primary_key: str | None

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


def list_tables(conn) -> list[TableInfo]:
    rows = conn.execute(_TABLES).fetchall()
    return [TableInfo(schema, table, column, int(srid or 0), str(kind), estimate, pk)
            for schema, table, column, srid, kind, estimate, pk in rows]


def find_table(conn, schema: str, table: str) -> TableInfo | None:
    return next((t for t in list_tables(conn) if (t.schema, t.table) == (schema, table)), None)
