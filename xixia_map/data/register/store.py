"""The register file: a GeoPackage the planner owns (GpkgStore, a RegisterStore: model.py).

Layer `projects` (points, or a project's 红线 polygon, in EPSG:4326; type
GEOMETRY; one row per project, the 台账's fields,
the columns it did not know kept verbatim as JSON in `extra`), table
`progress` (project, month, completed investment), table `edit_log` (留痕: who,
when, which project, which field, old and new value) and `register_meta` (the
revision every save increments).

A save is one SQLite transaction (BEGIN IMMEDIATE: a second writer waits, it
never interleaves). Before writing, the save compares the file's revision with
the one it read: if someone saved in between, nothing is written and the
conflict lists, per field, the original, theirs and mine.

Rows are written with sqlite3, not GDAL: GDAL has no single-row update, and
rewriting the layer for one edit costs a whole-file write. So the layer is
created without GDAL's R-tree (its triggers call SpatiaLite functions that
plain sqlite3 lacks; a register of thousands of points needs no index), and
point geometries are encoded as GeoPackage blobs here (the header of GeoPackage
§2.1.3 and shapely's WKB).
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
import struct
from pathlib import Path

import geopandas as gpd
import shapely

from ..errors import DataError
from ..messages import say
from .model import (COLUMNS, DELETE, INSERT, LAYER, NUMERIC, PROGRESS, Edit, Register, RegisterConflict, as_text,
                    column_value, row_values)
from .schema_guard import foreign_schema, read_only_reason


def geometry_blob(geometry, srs_id: int = 4326) -> bytes:
    """GeoPackage binary: 'GP', version 0, flags (little-endian, xy envelope), srs id, envelope, WKB."""
    minx, miny, maxx, maxy = geometry.bounds
    header = b"GP" + bytes([0, 0b00000011]) + struct.pack("<i", srs_id) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, byte_order=1)


def blob_geometry(blob: bytes):
    """The geometry of a GeoPackage blob (GDAL writes points without an envelope)."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    return shapely.from_wkb(bytes(blob[8 + envelope:]))


def _envelope(blob, index: int):
    """One of min x, max x, min y, max y of a GeoPackage blob (None if empty or NULL)."""
    if blob is None:
        return None
    geometry = blob_geometry(blob)
    return None if geometry.is_empty else geometry.bounds[(0, 2, 1, 3)[index]]


def _is_empty(blob):
    if blob is None:
        return None
    return int(bool(blob[3] & 0b10000) or blob_geometry(blob).is_empty)  # the header's empty flag, or no points


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    # The functions GeoPackage's R-tree triggers call (GDAL and SpatiaLite have them, plain
    # sqlite3 does not): a register given a spatial index elsewhere (QGIS) still saves.
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for index, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, lambda blob, i=index: _envelope(blob, i), deterministic=True)
    return con


def create_register(path, frame: gpd.GeoDataFrame, progress=()) -> None:
    """A new register file from `frame` (COLUMNS and point geometries in EPSG:4326)."""
    import pyogrio

    from ..atomic_write import atomic_path

    path = Path(path)
    frame = frame.copy()
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    for column in NUMERIC:  # REAL columns even when no row has a value yet (the seed has no investments)
        frame[column] = frame[column].astype("float64")
    for column in set(COLUMNS) - NUMERIC:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame = gpd.GeoDataFrame(frame[list(COLUMNS) + [frame.geometry.name]], crs=4326)
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(frame, tmp, layer=LAYER, driver="GPKG", geometry_type="Unknown",
                                layer_options={"SPATIAL_INDEX": "NO"})
        con = _connect(tmp)
        try:
            con.execute("BEGIN")
            con.execute("CREATE TABLE progress (project_id TEXT NOT NULL, month TEXT NOT NULL, completed REAL, "
                        "PRIMARY KEY (project_id, month))")
            con.execute("CREATE TABLE edit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT, at TEXT, "
                        "project_id TEXT, field TEXT, old TEXT, new TEXT)")
            con.execute("CREATE TABLE register_meta (key TEXT PRIMARY KEY, value TEXT)")
            for table, title in (("progress", "投资进度"), ("edit_log", "修改留痕"), ("register_meta", "项目库信息")):
                con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES (?, 'attributes', ?)",
                            (table, title))
            con.execute("INSERT INTO register_meta VALUES ('format', 'xixia-map-register'), ('revision', '0')")
            con.executemany("INSERT INTO progress VALUES (?, ?, ?)", list(progress))
            con.execute("COMMIT")
        finally:
            con.close()


class GpkgStore:
    """A RegisterStore (model.py): the register file, read and written with sqlite3."""

    def __init__(self, path):
        self.path = Path(path)

    def open(self) -> Register:
        path = self.path
        if not path.exists():
            raise DataError(path, say("register file not found", "找不到项目库文件"))
        try:
            con = _connect(path)
            try:
                revision = int(con.execute("SELECT value FROM register_meta WHERE key='revision'").fetchone()[0])
                progress = con.execute("SELECT project_id, month, completed FROM progress "
                                       "ORDER BY project_id, month").fetchall()
                foreign = foreign_schema(con)
            finally:
                con.close()
        except (sqlite3.DatabaseError, TypeError):
            raise DataError(path, say("not a project register (no register tables)",
                                      "不是项目库文件（缺少项目库表）")) from None
        import pyogrio

        frame = pyogrio.read_dataframe(path, layer=LAYER)
        register = Register(store=self, frame=frame, revision=revision, progress=[tuple(p) for p in progress])
        if foreign:  # never written: its triggers would change what is saved
            register.read_only, register.read_only_reason = True, read_only_reason(foreign)
        return register

    def save(self, register: Register, edits: list[Edit], who: str | None = None) -> int:
        """Write `edits` in one transaction, if the file is still at the revision it
        was read at; returns the new revision. Raises RegisterConflict otherwise."""
        who = who or getpass.getuser()
        if register.read_only:
            raise DataError(self.path, register.read_only_reason or say(
                "the register is read-only: nothing was written", "项目库为只读，未写入任何修改"))
        con = _connect(self.path)
        try:
            con.execute("BEGIN IMMEDIATE")
            foreign = foreign_schema(con)  # put there since it was opened: checked inside the transaction
            if foreign:
                con.execute("ROLLBACK")
                raise DataError(self.path, read_only_reason(foreign))
            current = int(con.execute("SELECT value FROM register_meta WHERE key='revision'").fetchone()[0])
            if current != register.revision:
                differences = [(e.pid, e.field, as_text(e.old), _theirs(con, e), as_text(e.new))
                               for e in edits if e.field not in (INSERT, DELETE)]
                con.execute("ROLLBACK")
                raise RegisterConflict(self.path, differences, current)
            now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            # Registers made before 红线 polygons declared POINT; the first polygon written makes it GEOMETRY.
            if any(edit.field == "geometry" and getattr(edit.new, "geom_type", "Point") != "Point" for edit in edits):
                con.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = 'GEOMETRY' WHERE table_name = ? "
                            "AND geometry_type_name = 'POINT'", (LAYER,))
            for edit in edits:
                old, new = _apply(con, edit)
                con.execute("INSERT INTO edit_log (who, at, project_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
                            (who, now, edit.pid, edit.field, None if old is None else str(old),
                             None if new is None else str(new)))
            revision = current + 1
            con.execute("UPDATE register_meta SET value = ? WHERE key = 'revision'", (str(revision),))
            con.execute("COMMIT")
        except sqlite3.DatabaseError as exc:  # locked, full disk, or a constraint of the file's own refusing it
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise DataError(self.path, say(f"the register could not be written ({exc}); nothing was written",
                                           f"项目库无法写入（{exc}），未写入任何修改")) from None
        finally:
            con.close()
        register.revision = revision
        _follow_in_memory(register, edits)
        return revision

    def edit_log(self) -> list[tuple]:
        con = _connect(self.path)
        try:
            return con.execute("SELECT who, at, project_id, field, old, new FROM edit_log ORDER BY id").fetchall()
        finally:
            con.close()

    def project_source(self, project_file: Path) -> dict:
        from ..project import relative_path

        return {"path": relative_path(self.path, project_file)}


def _theirs(con: sqlite3.Connection, edit: Edit):
    """What the file holds now where an edit would write."""
    column = "geom" if edit.field == "geometry" else edit.field
    if edit.field.startswith(PROGRESS):
        row = con.execute("SELECT completed FROM progress WHERE project_id = ? AND month = ?",
                          (edit.pid, edit.field[len(PROGRESS):])).fetchone()
    else:
        row = con.execute(f'SELECT "{column}" FROM "{LAYER}" WHERE pid = ?', (edit.pid,)).fetchone() \
            if column in COLUMNS or column == "geom" else None
    theirs = row[0] if row else None
    if edit.field == "geometry" and theirs is not None:
        theirs = blob_geometry(theirs).wkt
    return theirs


def _apply(con: sqlite3.Connection, edit: Edit):
    """One edit written; (old, new) as the log records them."""
    if edit.field == DELETE:
        con.execute(f'DELETE FROM "{LAYER}" WHERE pid = ?', (edit.pid,))
        return edit.old.get("name"), None
    if edit.field == INSERT:
        row = edit.new
        con.execute(f'INSERT INTO "{LAYER}" ({", ".join(chr(34) + c + chr(34) for c in COLUMNS)}, geom) '
                    f'VALUES ({", ".join("?" for _ in COLUMNS)}, ?)', row_values(row) + [geometry_blob(row["geometry"])])
        return None, row.get("name")
    if edit.field.startswith(PROGRESS):
        month = edit.field[len(PROGRESS):]
        con.execute("DELETE FROM progress WHERE project_id = ? AND month = ?", (edit.pid, month))
        if edit.new is not None:
            con.execute("INSERT INTO progress VALUES (?, ?, ?)", (edit.pid, month, float(edit.new)))
        return column_value("", edit.old), column_value("", edit.new)
    if edit.field == "geometry":
        con.execute(f'UPDATE "{LAYER}" SET geom = ? WHERE pid = ?', (geometry_blob(edit.new), edit.pid))
        return (edit.old.wkt if edit.old is not None else None), edit.new.wkt
    if edit.field in COLUMNS and edit.field != "pid":
        value = column_value(edit.field, edit.new)
        con.execute(f'UPDATE "{LAYER}" SET "{edit.field}" = ? WHERE pid = ?', (value, edit.pid))
        return column_value("", edit.old), value
    raise ValueError(f"unknown register field {edit.field}")


def _follow_in_memory(register: Register, edits: list[Edit]) -> None:
    """The in-memory copy follows what was written (a session has applied them already)."""
    for edit in edits:
        if edit.field in (INSERT, DELETE):
            continue
        if edit.field.startswith(PROGRESS):
            register.set_month(edit.pid, edit.field[len(PROGRESS):], edit.new)
            continue
        rows = register.frame["pid"] == edit.pid
        column = register.frame.geometry.name if edit.field == "geometry" else edit.field
        register.frame.loc[rows, column] = edit.new if edit.field != "extra" or not isinstance(edit.new, dict) \
            else json.dumps(edit.new, ensure_ascii=False)


def open_register(path) -> Register:
    """The register file at `path`."""
    return GpkgStore(path).open()


def save_edits(register: Register, edits: list[Edit], who: str | None = None) -> int:
    return register.save(edits, who)


def edit_log(path) -> list[tuple]:
    return GpkgStore(path).edit_log()
