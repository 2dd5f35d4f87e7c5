"""The register file: a GeoPackage the planner owns.

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
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely

from ..errors import DataError
from ..messages import Text, say
from .fields import FIELDS
from .schema_guard import foreign_schema, read_only_reason

LAYER = "projects"
INSERT = "_insert"  # an Edit that adds a project: `new` is its row (with "geometry")
DELETE = "_delete"  # an Edit that removes a project: `old` is its row, kept for undo and the log
PROGRESS = "progress:"  # + "YYYY-MM": an Edit of one month's completed investment (None: no report)
COLUMNS = ("pid",) + tuple(f.key for f in FIELDS) + ("placement", "accuracy_m", "source", "extra")
NUMERIC = {"total", "annual_plan", "completed", "accuracy_m"}


class RegisterConflict(DataError):
    """The file changed since it was read: `differences` is a list of
    (project, field, original, theirs, mine)."""

    def __init__(self, path, differences, theirs_revision):
        self.differences = differences
        self.theirs_revision = theirs_revision
        shown = "; ".join(f"{p} {f}: {o!r} → theirs {t!r}, mine {m!r}" for p, f, o, t, m in differences[:5])
        super().__init__(path, say(f"someone saved the register since you opened it ({shown or 'other projects'}); "
                                   "nothing was written",
                                   f"项目库在您打开后已被他人保存（{shown or '其他项目'}），本次未写入"))


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


@dataclass
class Edit:
    pid: str
    field: str  # a column of COLUMNS, or "geometry"
    old: object
    new: object


@dataclass
class Register:
    path: Path
    frame: gpd.GeoDataFrame
    revision: int
    progress: list[tuple[str, str, float]] = field(default_factory=list)
    # A register shared in PostGIS (pg_store.py): each project's version as read,
    # the connection (a PgConnection, no password) and schema, whether this user may only read,
    # and the password typed for this session (never written anywhere).
    versions: dict = field(default_factory=dict)
    database: dict | None = None
    read_only: bool = False
    password: str | None = field(default=None, repr=False)
    # A file with triggers or other objects the app did not make (schema_guard.py): why it is read-only.
    read_only_reason: Text | None = None

    def monthly(self, pid: str) -> list[tuple[str, float]]:
        """(month, completed 万元) of one project, by month."""
        return sorted((month, amount) for project, month, amount in self.progress if project == pid)

    def set_month(self, pid: str, month: str, amount) -> None:
        self.progress = [p for p in self.progress if (p[0], p[1]) != (pid, month)]
        if amount is not None:
            self.progress.append((pid, month, float(amount)))

    def record(self, pid: str) -> dict:
        row = self.frame.loc[self.frame["pid"] == pid].iloc[0]
        return row.to_dict()


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


def open_register(path) -> Register:
    path = Path(path)
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
        raise DataError(path, say("not a project register (no register tables)", "不是项目库文件（缺少项目库表）")) from None
    import pyogrio

    frame = pyogrio.read_dataframe(path, layer=LAYER)
    register = Register(path=path, frame=frame, revision=revision, progress=[tuple(p) for p in progress])
    if foreign:  # never written: its triggers would change what is saved
        register.read_only, register.read_only_reason = True, read_only_reason(foreign)
    return register


def _stored(value):
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def save_edits(register: Register, edits: list[Edit], who: str | None = None) -> int:
    """Write `edits` in one transaction, if the file is still at the revision it
    was read at; returns the new revision. Raises RegisterConflict otherwise."""
    who = who or getpass.getuser()
    if register.read_only:
        raise DataError(register.path, register.read_only_reason or say(
            "the register is read-only: nothing was written", "项目库为只读，未写入任何修改"))
    con = _connect(register.path)
    try:
        con.execute("BEGIN IMMEDIATE")
        foreign = foreign_schema(con)  # put there since it was opened: checked inside the transaction
        if foreign:
            con.execute("ROLLBACK")
            raise DataError(register.path, read_only_reason(foreign))
        current = int(con.execute("SELECT value FROM register_meta WHERE key='revision'").fetchone()[0])
        if current != register.revision:
            differences = []
            for edit in [e for e in edits if e.field not in (INSERT, DELETE)]:
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
                old = edit.old.wkt if hasattr(edit.old, "wkt") else edit.old
                new = edit.new.wkt if hasattr(edit.new, "wkt") else edit.new
                differences.append((edit.pid, edit.field, old, theirs, new))
            con.execute("ROLLBACK")
            raise RegisterConflict(register.path, differences, current)
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        # Registers made before 红线 polygons declared POINT; the first polygon written makes it GEOMETRY.
        if any(edit.field == "geometry" and getattr(edit.new, "geom_type", "Point") != "Point" for edit in edits):
            con.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = 'GEOMETRY' WHERE table_name = ? "
                        "AND geometry_type_name = 'POINT'", (LAYER,))
        for edit in edits:
            if edit.field == DELETE:
                con.execute(f'DELETE FROM "{LAYER}" WHERE pid = ?', (edit.pid,))
                old, new = edit.old.get("name"), None
            elif edit.field == INSERT:
                row = edit.new
                columns = [c for c in COLUMNS if c in row]
                con.execute(f'INSERT INTO "{LAYER}" ({", ".join(chr(34) + c + chr(34) for c in columns)}, geom) '
                            f'VALUES ({", ".join("?" for _ in columns)}, ?)',
                            [_stored(row[c]) for c in columns] + [geometry_blob(row["geometry"])])
                old, new = None, row.get("name")
            elif edit.field.startswith(PROGRESS):
                month = edit.field[len(PROGRESS):]
                con.execute("DELETE FROM progress WHERE project_id = ? AND month = ?", (edit.pid, month))
                if edit.new is not None:
                    con.execute("INSERT INTO progress VALUES (?, ?, ?)", (edit.pid, month, float(edit.new)))
                old, new = _stored(edit.old), _stored(edit.new)
            elif edit.field == "geometry":
                con.execute(f'UPDATE "{LAYER}" SET geom = ? WHERE pid = ?', (geometry_blob(edit.new), edit.pid))
                old, new = (edit.old.wkt if edit.old is not None else None), edit.new.wkt
            elif edit.field in COLUMNS and edit.field != "pid":
                value = _stored(edit.new)
                if edit.field == "extra" and isinstance(value, dict):
                    value = json.dumps(value, ensure_ascii=False)
                con.execute(f'UPDATE "{LAYER}" SET "{edit.field}" = ? WHERE pid = ?', (value, edit.pid))
                old, new = _stored(edit.old), value
            else:
                raise ValueError(f"unknown register field {edit.field}")
            con.execute("INSERT INTO edit_log (who, at, project_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
                        (who, now, edit.pid, edit.field, None if old is None else str(old),
                         None if new is None else str(new)))
        revision = current + 1
        con.execute("UPDATE register_meta SET value = ? WHERE key = 'revision'", (str(revision),))
        con.execute("COMMIT")
    except sqlite3.DatabaseError as exc:  # locked, full disk, or a constraint of the file's own refusing the change
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise DataError(register.path, say(f"the register could not be written ({exc}); nothing was written",
                                           f"项目库无法写入（{exc}），未写入任何修改")) from None
    finally:
        con.close()
    register.revision = revision
    for edit in edits:  # the in-memory copy follows what was written (a session has applied them already)
        if edit.field in (INSERT, DELETE):
            continue
        if edit.field.startswith(PROGRESS):
            register.set_month(edit.pid, edit.field[len(PROGRESS):], edit.new)
            continue
        rows = register.frame["pid"] == edit.pid
        column = register.frame.geometry.name if edit.field == "geometry" else edit.field
        register.frame.loc[rows, column] = edit.new if edit.field != "extra" or not isinstance(edit.new, dict) \
            else json.dumps(edit.new, ensure_ascii=False)
    return revision


def reopen(register: Register) -> Register:
    """The register read again from where it lives (a file, or PostGIS)."""
    if register.database:
        from .pg_store import reopen_pg_register

        return reopen_pg_register(register)
    return open_register(register.path)


def save_any(register: Register, edits: list[Edit], who: str | None = None) -> int:
    """Save to where the register lives: the file's transaction, or PostGIS's."""
    if register.database:
        from .pg_store import save_pg_edits

        save_pg_edits(register, edits)
        return register.revision
    return save_edits(register, edits, who)


def edit_log(path) -> list[tuple]:
    con = _connect(Path(path))
    try:
        return con.execute("SELECT who, at, project_id, field, old, new FROM edit_log ORDER BY id").fetchall()
    finally:
        con.close()
