"""The project register shared in PostGIS: the same tables as the register file
(store.py), for a team editing at once.

Each project row carries a `version` the server increments on every change.
A save is one transaction: it locks the rows it touches (SELECT … FOR UPDATE),
and if any has moved past the version this planner read, nothing is written
and the conflict lists, per field, the original, theirs and mine, as the file
register's does. Edits to different projects never conflict (the file can only
tell that the file changed). The edit log's who and when are the server's
`current_user` and `now()`, not what a client claims. A user with read-only
rights opens a read-only register.

Every statement is composed with psycopg.sql: the schema as an Identifier,
every value a parameter.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from psycopg import sql

from ..errors import DataError
from ..messages import say
from ..postgis.connection import PgConnection, connect
from .model import (COLUMNS, DELETE, INSERT, NUMERIC, PROGRESS, Edit, Register, RegisterConflict, as_text,
                    column_value, row_values)

# The tables the app creates (README: "A shared register in PostGIS"). {s} is the
# schema; the columns are the file register's (store.COLUMNS), quoted ("end" is a keyword).
DDL = (
    "CREATE TABLE {s}.projects (pid text PRIMARY KEY, " + ", ".join(
        f'"{c}" {"double precision" if c in NUMERIC else "text"}' for c in COLUMNS if c != "pid")
    + ", version integer NOT NULL DEFAULT 1, geom geometry(Geometry, 4326))",
    "CREATE INDEX projects_geom ON {s}.projects USING gist (geom)",
    "CREATE TABLE {s}.progress (project_id text NOT NULL REFERENCES {s}.projects (pid) ON DELETE CASCADE, "
    "month text NOT NULL, completed double precision, PRIMARY KEY (project_id, month))",
    "CREATE TABLE {s}.edit_log (id bigserial PRIMARY KEY, who text NOT NULL DEFAULT current_user, "
    "at timestamptz NOT NULL DEFAULT now(), project_id text, field text, old text, new text)",
    "CREATE TABLE {s}.register_meta (key text PRIMARY KEY, value text)",
    "INSERT INTO {s}.register_meta VALUES ('format', 'xixia-map-register')",
)
# Who may do what: editors change projects and progress and add to the log (its
# id sequence too); readers read. The log is never updated or deleted through the app.
GRANT_EDIT = ("GRANT USAGE ON SCHEMA {s} TO {r}",
              "GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.projects, {s}.progress TO {r}",
              "GRANT SELECT, INSERT ON {s}.edit_log TO {r}", "GRANT SELECT ON {s}.register_meta TO {r}",
              "GRANT USAGE ON SEQUENCE {s}.edit_log_id_seq TO {r}")
GRANT_READ = ("GRANT USAGE ON SCHEMA {s} TO {r}",
              "GRANT SELECT ON {s}.projects, {s}.progress, {s}.edit_log, {s}.register_meta TO {r}")
_COLUMN_LIST = sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)


def _label(connection: PgConnection, schema: str) -> Path:
    return Path(connection.label()) / schema


def _failed(label, exc) -> DataError:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if "permission denied" in first.lower():
        return DataError(label, say(f"no right to do this in the register ({first})",
                                    f"没有修改项目库的权限（{first}）"))
    return DataError(label, say(f"the register could not be read or written ({first})",
                                f"项目库无法读取或写入（{first}）"))


def create_pg_register(connection: PgConnection, schema: str, frame: gpd.GeoDataFrame, progress=(), *,
                       password: str | None = None, editors=(), readers=()) -> None:
    """The register's tables in `schema` (created if missing), filled from `frame`,
    in one transaction; `editors` (database roles) may change it, `readers` only read it."""
    import psycopg

    label = _label(connection, schema)
    s = sql.Identifier(schema)
    try:
        with connect(connection, password) as conn, conn.transaction():
            exists = conn.execute("SELECT to_regclass(%s)", (f"{schema}.projects",)).fetchone()[0]
            if exists is not None:
                raise DataError(label, say("the schema holds a register already", "该模式中已有项目库"))
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {s}").format(s=s))
            for statement in DDL:
                conn.execute(sql.SQL(statement).format(s=s))
            _insert_rows(conn, s, frame)
            with conn.cursor() as cur:
                cur.executemany(sql.SQL("INSERT INTO {s}.progress VALUES (%s, %s, %s)").format(s=s),
                                [tuple(p) for p in progress])
            for grants, roles in ((GRANT_EDIT, editors), (GRANT_READ, readers)):
                for role in roles:
                    for part in grants:
                        conn.execute(sql.SQL(part).format(s=s, r=sql.Identifier(role)))
    except psycopg.Error as exc:
        raise _failed(label, exc) from None


def _insert_rows(conn, s, frame: gpd.GeoDataFrame) -> None:
    statement = sql.SQL("INSERT INTO {s}.projects ({cols}, geom) VALUES ({marks}, ST_GeomFromWKB(%s, 4326))").format(
        s=s, cols=_COLUMN_LIST, marks=sql.SQL(", ").join(sql.Placeholder() for _ in COLUMNS))
    rows = []
    for record in frame.to_dict("records"):
        geometry = record.get(frame.geometry.name)
        rows.append(row_values(record) + [shapely.to_wkb(geometry) if geometry is not None else None])
    with conn.cursor() as cur:
        cur.executemany(statement, rows)


class PgStore:
    """A RegisterStore (model.py): a register's schema in PostGIS, read and
    written as this database user; the password typed for this session is kept
    here, in memory only, for its saves."""

    def __init__(self, connection: PgConnection, schema: str, password: str | None = None):
        self.connection = connection
        self.schema = schema
        self._password = password
        self.path = _label(connection, schema)
        self.versions: dict[str, int] = {}  # each project's version as last read or written

    def open(self) -> Register:
        import psycopg

        schema, s = self.schema, sql.Identifier(self.schema)
        try:
            with connect(self.connection, self._password) as conn:
                found = conn.execute("SELECT to_regclass(%s)", (f"{schema}.projects",)).fetchone()[0]
                if found is None:
                    raise DataError(self.path, say("no register in this schema (or no right to read it)",
                                                   "该模式中没有项目库（或没有读取权限）"))
                rows = conn.execute(sql.SQL("SELECT {cols}, version, ST_AsBinary(geom) FROM {s}.projects "
                                            "ORDER BY pid").format(cols=_COLUMN_LIST, s=s)).fetchall()
                progress = conn.execute(sql.SQL("SELECT project_id, month, completed FROM {s}.progress "
                                                "ORDER BY project_id, month").format(s=s)).fetchall()
                writable = conn.execute("SELECT has_table_privilege(%s, 'UPDATE')",
                                        (f"{schema}.projects",)).fetchone()[0]
        except psycopg.Error as exc:
            raise _failed(self.path, exc) from None
        frame = pd.DataFrame([r[:len(COLUMNS)] for r in rows], columns=list(COLUMNS))
        for column in NUMERIC:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        geometry = [shapely.from_wkb(bytes(r[-1])) if r[-1] is not None else None for r in rows]
        self.versions = {r[0]: int(r[len(COLUMNS)]) for r in rows}
        return Register(store=self, frame=gpd.GeoDataFrame(frame, geometry=geometry, crs=4326), revision=0,
                        progress=[(p, m, float(c)) for p, m, c in progress if c is not None], read_only=not writable)

    def save(self, register: Register, edits: list[Edit], who: str | None = None) -> int:
        """Write `edits` in one transaction if none of the projects they touch has
        changed since it was read (`who` is the server's current_user, not the
        client's word); the register's new revision (a count of saves here)."""
        save_pg_edits(self, register, edits)
        return register.revision

    def edit_log(self) -> list[tuple]:
        return pg_edit_log(self.connection, self.schema, password=self._password)

    def project_source(self, project_file: Path) -> dict:
        return {"database": {"connection": self.connection.to_project(), "schema": self.schema}}


def open_pg_register(connection: PgConnection, schema: str, *, password: str | None = None) -> Register:
    return PgStore(connection, schema, password).open()


def _theirs(current: dict | None, edit: Edit, progress_now: dict):
    if current is None:
        return None
    if edit.field.startswith(PROGRESS):
        return progress_now.get((edit.pid, edit.field[len(PROGRESS):]))
    if edit.field == "geometry":
        blob = current.get("geometry")
        return shapely.from_wkb(bytes(blob)).wkt if blob is not None else None
    return current.get(edit.field)


def save_pg_edits(store: PgStore, register: Register, edits: list[Edit]) -> int:
    """Write `edits` in one transaction if none of the projects they touch has
    changed since it was read; returns the number of projects written."""
    import psycopg

    if register.read_only:
        raise DataError(register.path, say("this register is read-only for you (your database user may not change "
                                           "it): nothing was written",
                                           "您对该项目库只有读取权限（数据库用户无修改权限），未写入任何修改"))
    s = sql.Identifier(store.schema)
    touched = sorted({e.pid for e in edits if e.field != INSERT})
    try:
        with connect(store.connection, store._password) as conn:
            with conn.transaction():
                rows = conn.execute(sql.SQL("SELECT {cols}, version, ST_AsBinary(geom) FROM {s}.projects "
                                            "WHERE pid = ANY(%s) ORDER BY pid FOR UPDATE").format(
                    cols=_COLUMN_LIST, s=s), (touched,)).fetchall()
                now = {r[0]: {**dict(zip(COLUMNS, r[:len(COLUMNS)])), "version": r[len(COLUMNS)],
                              "geometry": r[-1]} for r in rows}
                moved = {pid for pid in touched if pid not in now or now[pid]["version"] != store.versions.get(pid)}
                if moved:
                    progress_now = dict(((p, m), c) for p, m, c in conn.execute(sql.SQL(
                        "SELECT project_id, month, completed FROM {s}.progress WHERE project_id = ANY(%s)").format(s=s),
                        (sorted(moved),)).fetchall())
                    differences = []
                    for edit in edits:
                        if edit.pid in moved:
                            differences.append((edit.pid, edit.field, as_text(edit.old),
                                                _theirs(now.get(edit.pid), edit, progress_now), as_text(edit.new)))
                    raise RegisterConflict(register.path, differences, None)
                for edit in edits:
                    old, new = _apply(conn, s, edit)
                    conn.execute(sql.SQL("INSERT INTO {s}.edit_log (project_id, field, old, new) "
                                         "VALUES (%s, %s, %s, %s)").format(s=s),
                                 (edit.pid, edit.field, None if old is None else str(old),
                                  None if new is None else str(new)))
                written = sorted({e.pid for e in edits})
                versions = conn.execute(sql.SQL("SELECT pid, version FROM {s}.projects WHERE pid = ANY(%s)").format(
                    s=s), (written,)).fetchall()
    except RegisterConflict:
        raise
    except psycopg.Error as exc:
        raise _failed(register.path, exc) from None
    for pid in written:
        store.versions.pop(pid, None)
    store.versions.update({pid: int(v) for pid, v in versions})
    register.revision += 1
    return len(written)


def _apply(conn, s, edit: Edit):
    """One edit; (old, new) as the log records them. Every change bumps its project's version."""
    bump = sql.SQL("UPDATE {s}.projects SET version = version + 1 WHERE pid = %s").format(s=s)
    if edit.field == DELETE:
        conn.execute(sql.SQL("DELETE FROM {s}.projects WHERE pid = %s").format(s=s), (edit.pid,))
        return edit.old.get("name"), None
    if edit.field == INSERT:
        row = dict(edit.new)
        geometry = row.get("geometry")
        conn.execute(sql.SQL("INSERT INTO {s}.projects ({cols}, geom) VALUES ({marks}, ST_GeomFromWKB(%s, 4326))")
                     .format(s=s, cols=_COLUMN_LIST, marks=sql.SQL(", ").join(sql.Placeholder() for _ in COLUMNS)),
                     row_values(row) + [shapely.to_wkb(geometry) if geometry is not None else None])
        return None, row.get("name")
    if edit.field.startswith(PROGRESS):
        month = edit.field[len(PROGRESS):]
        conn.execute(sql.SQL("DELETE FROM {s}.progress WHERE project_id = %s AND month = %s").format(s=s),
                     (edit.pid, month))
        if edit.new is not None:
            conn.execute(sql.SQL("INSERT INTO {s}.progress VALUES (%s, %s, %s)").format(s=s),
                         (edit.pid, month, float(edit.new)))
        conn.execute(bump, (edit.pid,))
        return column_value("", edit.old), column_value("", edit.new)
    if edit.field == "geometry":
        conn.execute(sql.SQL("UPDATE {s}.projects SET geom = ST_GeomFromWKB(%s, 4326), version = version + 1 "
                             "WHERE pid = %s").format(s=s), (shapely.to_wkb(edit.new), edit.pid))
        return (edit.old.wkt if edit.old is not None else None), edit.new.wkt
    if edit.field in COLUMNS and edit.field != "pid":
        value = column_value(edit.field, edit.new)
        conn.execute(sql.SQL("UPDATE {s}.projects SET {c} = %s, version = version + 1 WHERE pid = %s").format(
            s=s, c=sql.Identifier(edit.field)), (value, edit.pid))
        return column_value("", edit.old), value
    raise ValueError(f"unknown register field {edit.field}")


def pg_edit_log(connection: PgConnection, schema: str, *, password: str | None = None) -> list[tuple]:
    with connect(connection, password) as conn:
        return conn.execute(sql.SQL("SELECT who, at, project_id, field, old, new FROM {s}.edit_log ORDER BY id")
                            .format(s=sql.Identifier(schema))).fetchall()

