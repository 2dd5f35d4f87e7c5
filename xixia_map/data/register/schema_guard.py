"""What in a register file would act on a save, besides the app itself.

A GeoPackage is a SQLite database: a file from another office can carry
triggers that rewrite what the planner saves (the window shows 在建, the file
holds 已竣工), empty the 留痕 edit log, or views with INSTEAD OF triggers. A
conflict clause (ON CONFLICT REPLACE) or a foreign key with ON DELETE CASCADE
can delete rows as silently. `foreign_schema` lists every such object, so the
register is opened read-only and never written.

GeoPackage's own triggers are allowed, told apart by name AND by their SQL,
compared token by token (quoting, case and spacing aside) with the
standard's text, so a trigger merely named `rtree_…` or `gpkg_…` is not:

- the R-tree index triggers `rtree_<t>_<c>_<insert|update1…7|delete>` of
  GeoPackage 1.0–1.4 (as GDAL writes them), for a geometry column <c> of
  table <t> with <t>'s own primary key;
- GDAL's feature-count triggers `trigger_insert|delete_feature_count_<t>`;
- the specification's guard triggers on its gpkg_ tables (gpkg_tile_matrix_…,
  gpkg_metadata_…): BEFORE INSERT/UPDATE, a single SELECT RAISE(ABORT, …),
  which can refuse a change but never make one.

The tokenizer is our own, kept deliberately small: sqlite3 exposes no
parser, and the comparison only needs tokens, not a syntax tree.
"""
from __future__ import annotations

import re
import sqlite3

REGISTER_TABLES = ("projects", "progress", "edit_log", "register_meta")
# Tables a save writes: their conflict clauses and keys matter.
WRITTEN_TABLES = REGISTER_TABLES + ("gpkg_geometry_columns",)

_TOKEN = re.compile(r"""
    (?P<space>\s+|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))
  | '(?P<string>(?:[^']|'')*)'
  | "(?P<dquoted>(?:[^"]|"")*)"
  | \[(?P<bracketed>[^\]]*)\]
  | `(?P<backquoted>(?:[^`]|``)*)`
  | (?P<number>0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)
  | (?P<word>[A-Za-z_\u0080-\U0010ffff][\w$\u0080-\U0010ffff]*)
  | (?P<op>\|\||<=|>=|==|!=|<>|<<|>>|.)
""", re.VERBOSE | re.DOTALL)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SAME_OPERATOR = {"==": "=", "<>": "!="}
_SPLIT_WORD = {"notnull": ("not", "null"), "isnull": ("is", "null")}


def fold(name: str) -> str:
    """SQLite compares names without regard to ASCII case."""
    return name.translate(_ASCII_LOWER)


def tokens(sql: str) -> list[tuple[str, str]]:
    """("i", name) for words and quoted names (ASCII-lower-cased), ("s", text)
    for strings, ("n", …) numbers, ("p", …) punctuation."""
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "string":
            out.append(("s", match.group(kind).replace("''", "'")))
        elif kind in ("dquoted", "bracketed", "backquoted"):
            text = match.group(kind).replace('""', '"') if kind == "dquoted" else match.group(kind).replace("``", "`")
            out.append(("i", fold(text)))
        elif kind == "word":
            word = fold(match.group(kind))
            out.extend(("i", w) for w in _SPLIT_WORD.get(word, (word,)))
        elif kind == "number":
            out.append(("n", match.group(kind).lower()))
        else:  # an operator: the whole match
            op = match.group()
            out.append(("p", _SAME_OPERATOR.get(op, op)))
    while out and out[-1] == ("p", ";"):
        out.pop()
    # `x IS NOT NULL` is SQLite's `x NOT NULL` (and NOTNULL, split above)
    for i in range(len(out) - 2, 0, -1):
        if out[i - 1:i + 2] == [("i", "is"), ("i", "not"), ("i", "null")]:
            del out[i - 1]
    return out


# -- GeoPackage's R-tree triggers (spec 1.0–1.4), after `CREATE TRIGGER <name>` -----------------------
_BOX = "VALUES (NEW.__i__, ST_MinX(NEW.__c__), ST_MaxX(NEW.__c__), ST_MinY(NEW.__c__), ST_MaxY(NEW.__c__))"
_FILLED_NEW = "(NEW.__c__ NOTNULL AND NOT ST_IsEmpty(NEW.__c__))"
_EMPTY_NEW = "(NEW.__c__ ISNULL OR ST_IsEmpty(NEW.__c__))"
_RTREE = {
    "insert": [f"AFTER INSERT ON __t__ WHEN (new.__c__ NOT NULL AND NOT ST_IsEmpty(NEW.__c__)) "
               f"BEGIN INSERT OR REPLACE INTO __rtree__ {_BOX}; END"],
    "update1": [f"AFTER UPDATE OF __c__ ON __t__ WHEN OLD.__i__ = NEW.__i__ AND {_FILLED_NEW} "
                f"BEGIN INSERT OR REPLACE INTO __rtree__ {_BOX}; END"],
    "update2": [f"AFTER UPDATE OF __c__ ON __t__ WHEN OLD.__i__ = NEW.__i__ AND {_EMPTY_NEW} "
                "BEGIN DELETE FROM __rtree__ WHERE id = OLD.__i__; END"],
    "update3": [f"AFTER UPDATE OF __c__ ON __t__ WHEN OLD.__i__ != NEW.__i__ AND {_FILLED_NEW} "
                f"BEGIN DELETE FROM __rtree__ WHERE id = OLD.__i__; INSERT OR REPLACE INTO __rtree__ {_BOX}; END"],
    "update4": [f"AFTER UPDATE ON __t__ WHEN OLD.__i__ != NEW.__i__ AND {_EMPTY_NEW} "
                "BEGIN DELETE FROM __rtree__ WHERE id IN (OLD.__i__, NEW.__i__); END"],
    "update5": [f"AFTER UPDATE ON __t__ WHEN OLD.__i__ != NEW.__i__ AND {_FILLED_NEW} "
                f"BEGIN DELETE FROM __rtree__ WHERE id = OLD.__i__; INSERT OR REPLACE INTO __rtree__ {_BOX}; END"],
    "update6": [f"AFTER UPDATE OF __c__ ON __t__ WHEN OLD.__i__ = NEW.__i__ AND {_FILLED_NEW} AND "
                "(OLD.__c__ NOTNULL AND NOT ST_IsEmpty(OLD.__c__)) BEGIN UPDATE __rtree__ SET "
                "minx = ST_MinX(NEW.__c__), maxx = ST_MaxX(NEW.__c__), miny = ST_MinY(NEW.__c__), "
                "maxy = ST_MaxY(NEW.__c__) WHERE id = NEW.__i__; END"],
    "update7": [f"AFTER UPDATE OF __c__ ON __t__ WHEN OLD.__i__ = NEW.__i__ AND {_FILLED_NEW} AND "
                f"(OLD.__c__ ISNULL OR ST_IsEmpty(OLD.__c__)) BEGIN INSERT INTO __rtree__ {_BOX}; END"],
    "delete": ["AFTER DELETE ON __t__ WHEN old.__c__ NOT NULL BEGIN DELETE FROM __rtree__ WHERE id = OLD.__i__; END"],
}
# GDAL's feature counts in gpkg_ogr_contents (older GDAL compared the name as written).
_COUNT = {
    sign: [f"AFTER {event} ON __t__ BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count {sign} 1 "
           "WHERE lower(table_name) = lower('__t__'); END",
           f"AFTER {event} ON __t__ BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count {sign} 1 "
           "WHERE table_name = '__t__'; END"]
    for event, sign in (("INSERT", "+"), ("DELETE", "-"))
}
_PLACEHOLDERS = {"__t__", "__c__", "__i__", "__rtree__"}


def _bind(template: str, actual: list[tuple[str, str]]) -> dict[str, str] | None:
    """The names the placeholders stand for, if `actual` has the template's shape."""
    expected = tokens(template)
    if len(expected) != len(actual):
        return None
    bound: dict[str, str] = {}
    for (kind, value), (got_kind, got) in zip(expected, actual):
        if value in _PLACEHOLDERS and kind in ("i", "s"):
            if got_kind not in ("i", "s"):
                return None
            if bound.setdefault(value, fold(got)) != fold(got):
                return None
        elif (kind, value) != (got_kind, got):
            return None
    return bound


def _body(sql: str) -> list[tuple[str, str]] | None:
    """The tokens after `CREATE TRIGGER [IF NOT EXISTS] <name>`."""
    found = tokens(sql)
    if found[:2] != [("i", "create"), ("i", "trigger")]:
        return None
    rest = found[2:]
    if rest[:3] == [("i", "if"), ("i", "not"), ("i", "exists")]:
        rest = rest[3:]
    return rest[1:] if rest else None


def _primary_key(con: sqlite3.Connection, table: str) -> str | None:
    keys = [row[1] for row in con.execute("SELECT * FROM pragma_table_info(?)", (table,)) if row[5]]
    return fold(keys[0]) if len(keys) == 1 else None


def _standard_rtree(con, name: str, table: str, body, geometry_columns: set[tuple[str, str]]) -> bool:
    for t, c in geometry_columns:
        prefix = f"rtree_{t}_{c}_"
        if not fold(name).startswith(prefix) or fold(table) != t:
            continue
        for template in _RTREE.get(fold(name)[len(prefix):], []):
            bound = _bind(template, body)
            if bound and bound.get("__t__") == t and bound.get("__c__") == c \
                    and bound.get("__rtree__") == f"rtree_{t}_{c}" and bound.get("__i__") == _primary_key(con, table):
                return True
    return False


def _standard_count(name: str, table: str, body) -> bool:
    for event, sign in (("insert", "+"), ("delete", "-")):
        if fold(name) == f"trigger_{event}_feature_count_{fold(table)}":
            return any((bound := _bind(t, body)) is not None and bound.get("__t__") == fold(table)
                       for t in _COUNT[sign])
    return False


def _standard_guard(name: str, table: str, body) -> bool:
    """A specification guard on a gpkg_ table: BEFORE INSERT/UPDATE, one SELECT RAISE(ABORT, '…') [WHERE …]."""
    table = fold(table)
    if not (table.startswith("gpkg_") and fold(name).startswith(table + "_")):
        return False
    rest = list(body)
    if rest[:2] == [("i", "before"), ("i", "insert")]:
        rest = rest[2:]
    elif rest[:2] == [("i", "before"), ("i", "update")]:
        rest = rest[2:]
        if rest[:1] == [("i", "of")]:
            rest = rest[1:]
            while len(rest) > 1 and rest[0][0] in ("i", "s") and rest[1] == ("p", ","):
                rest = rest[2:]
            if not rest or rest[0][0] not in ("i", "s"):
                return False
            rest = rest[1:]
    else:
        return False
    if len(rest) < 2 or rest[0] != ("i", "on") or rest[1][0] not in ("i", "s") or fold(rest[1][1]) != table:
        return False
    rest = rest[2:]
    if rest[:3] == [("i", "for"), ("i", "each"), ("i", "row")]:
        rest = rest[3:]
    head = [("i", "begin"), ("i", "select"), ("i", "raise"), ("p", "("), ("i", "abort"), ("p", ",")]
    if rest[:6] != head or len(rest) < 8 or rest[6][0] != "s" or rest[7] != ("p", ")"):
        return False
    rest = rest[8:]
    if rest[-2:] != [("p", ";"), ("i", "end")]:
        return False
    condition = rest[:-2]
    if condition and condition[0] != ("i", "where"):
        return False
    # One SELECT, which cannot write; no second statement and no CASE … END to hide one in.
    return all(token not in (("p", ";"), ("i", "end"), ("i", "begin")) for token in condition)


def foreign_schema(con: sqlite3.Connection) -> list[str]:
    """Every object in the file that would act on a save and is neither the app's
    nor GeoPackage's own: "trigger <name>", "view <name>", …; empty when clean."""
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    geometry_columns = set()
    try:
        geometry_columns = {(fold(t), fold(c)) for t, c in
                            con.execute("SELECT table_name, column_name FROM gpkg_geometry_columns")}
    except sqlite3.DatabaseError:
        pass
    found = []
    written = {fold(t) for t in WRITTEN_TABLES}
    for kind, name, table, sql in rows:
        if kind == "trigger":
            body = _body(sql or "")
            if body is None or not (_standard_rtree(con, name, table, body, geometry_columns)
                                    or _standard_count(name, table, body) or _standard_guard(name, table, body)):
                found.append(f"trigger {name}")
        elif kind == "view" and fold(name) in {fold(t) for t in REGISTER_TABLES}:
            found.append(f"view {name}")
        elif kind == "table" and fold(name) in written:
            shape = tokens(sql or "")
            if shape[:2] != [("i", "create"), ("i", "table")]:
                found.append(f"table {name} ({' '.join(v for _, v in shape[:3])})")
            elif any(a == ("i", "on") and b == ("i", "conflict") for a, b in zip(shape, shape[1:])):
                found.append(f"table {name} (ON CONFLICT)")
        if kind == "table" and not (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            try:
                keys = con.execute("SELECT * FROM pragma_foreign_key_list(?)", (name,)).fetchall()
            except sqlite3.DatabaseError:
                found.append(f"table {name} (unreadable)")
                continue
            for key in keys:
                actions = {str(key[5]).upper(), str(key[6]).upper()} - {"NO ACTION", "RESTRICT"}
                if actions:
                    found.append(f"table {name} (ON UPDATE/DELETE {'/'.join(sorted(actions))})")
                    break
    return found


def read_only_reason(found: list[str]):
    """The planner's message for a register with `found` (see foreign_schema)."""
    from ..messages import say

    shown = ", ".join(found[:5]) + (f" (+{len(found) - 5})" if len(found) > 5 else "")
    shown_zh = "、".join(found[:5]) + (f" 等 {len(found)} 项" if len(found) > 5 else "")
    return say(f"the register file holds database objects the app did not make ({shown}); they would change what "
               "is saved, so it is opened read-only and nothing will be written to it. Ask the sender for a clean "
               "copy, or export its 台账 and import that into a new register",
               f"项目库文件中有本软件未创建的数据库对象（{shown_zh}），保存时它们会改动写入的数据，"
               "因此以只读方式打开，不会写入任何修改。请向提供者索取干净的副本，或导出台账后导入新的项目库")
