"""The database's tables with a geometry column, as QGIS's browser lists them,
and table names as a planner writes them (`planning.dltb`, `"planning"."my.table"`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DataError
from ..messages import say

# PostGIS's own catalogue (geometry_columns), with the planner's read right,
# the planner's estimate of the rows (the statistics, not a count: a count
# reads every row of a large table), and a one-column primary key to key
# features by. No part of it is text from the planner.
_TABLES = """
SELECT g.f_table_schema, g.f_table_name, g.f_geometry_column, g.srid, g.type,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END,
       (SELECT a.attname FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnkeyatts = 1 LIMIT 1),
       (SELECT a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) FROM pg_index i
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
    integer_key: bool = False  # the primary key is an integer: a large table is drawn per view by it

    @property
    def name(self) -> str:
        return qualified_name(self.schema, self.table)


_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")


def qualified_name(schema: str, table: str) -> str:
    """`schema.table` as PostgreSQL reads it: a name that is not plain lower-case
    letters, digits and _ (a dot, a capital, a space) in double quotes."""
    def one(name: str) -> str:
        return name if _PLAIN.fullmatch(name) else '"' + name.replace('"', '""') + '"'
    return f"{one(schema)}.{one(table)}"


def split_qualified(text: str) -> tuple[str | None, str]:
    """(schema, table) of a name as written: `dltb` (schema public), `planning.dltb`,
    `"planning"."my.table"` (double quotes keep dots, "" is a quote). A name of
    three or more dotted parts with any unquoted is ambiguous: (None, text), for
    find_table to match against the tables that exist."""
    parts, quoted, i = [], [], 0
    while i <= len(text):
        if i < len(text) and text[i] == '"':
            name, i = "", i + 1
            while True:
                end = text.find('"', i)
                if end < 0:
                    raise DataError(None, say(f"the table name {text} has an unclosed double quote",
                                              f"数据表名 {text} 中的双引号没有闭合"))
                name += text[i:end]
                if text[end + 1:end + 2] == '"':
                    name, i = name + '"', end + 2
                    continue
                i = end + 1
                break
            parts.append(name)
            quoted.append(True)
        else:
            end = text.find(".", i)
            end = len(text) if end < 0 else end
            parts.append(text[i:end])
            quoted.append(False)
            i = end
        if i < len(text) and text[i] != ".":
            raise DataError(None, say(f"the table name {text} is not schema.table", f"数据表名 {text} 不是“模式名.表名”"))
        i += 1
    if any(not p for p in parts):
        raise DataError(None, say(f"the table name {text} has an empty part", f"数据表名 {text} 中有空的部分"))
    if len(parts) == 1:
        return "public", parts[0]
    if len(parts) == 2:
        return parts[0], parts[1]
    if all(quoted):
        raise DataError(None, say(f"the table name {text} has more than schema and table",
                                  f"数据表名 {text} 多于“模式名.表名”两部分"))
    return None, text


def list_tables(conn) -> list[TableInfo]:
    rows = conn.execute(_TABLES).fetchall()
    return [TableInfo(schema, table, column, int(srid or 0), str(kind), estimate, pk, bool(integer))
            for schema, table, column, srid, kind, estimate, pk, integer in rows]


def find_table(conn, schema: str | None, table: str) -> TableInfo | None:
    """The table, or None; `schema` None: `table` is a dotted name as written
    (split_qualified), matched against the tables that exist."""
    tables = list_tables(conn)
    if schema is not None:
        return next((t for t in tables if (t.schema, t.table) == (schema, table)), None)
    found = [t for t in tables if f"{t.schema}.{t.table}" == table]
    if len({(t.schema, t.table) for t in found}) > 1:
        names = ", ".join(t.name for t in found)
        raise DataError(None, say(f"the name {table} fits several tables ({names}): write it with double quotes",
                                  f"名称 {table} 对应多个数据表（{names}）：请用双引号写明，如 \"模式名\".\"表名\""))
    return found[0] if found else None
