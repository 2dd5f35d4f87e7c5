"""The register in memory, its edits, and the one contract of where it is kept.

A register lives in a store: a GeoPackage file the planner owns (store.py) or
a schema shared in PostGIS (pg_store.py). Both meet RegisterStore; the
session (session.py), the window and the project file ask the register's
store, never which kind it is. What only one kind needs (a PostGIS
connection, its password, each project's version as read) stays in that
store, not on the Register.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import geopandas as gpd

from ..errors import DataError
from ..messages import Text, say
from .fields import FIELDS

LAYER = "projects"
INSERT = "_insert"  # an Edit that adds a project: `new` is its row (with "geometry")
DELETE = "_delete"  # an Edit that removes a project: `old` is its row, kept for undo and the log
PROGRESS = "progress:"  # + "YYYY-MM": an Edit of one month's completed investment (None: no report)
COLUMNS = ("pid",) + tuple(f.key for f in FIELDS) + ("placement", "accuracy_m", "source", "extra")
NUMERIC = {"total", "annual_plan", "completed", "accuracy_m"}


@dataclass
class Edit:
    pid: str
    field: str  # a column of COLUMNS, or "geometry", INSERT, DELETE or PROGRESS + month
    # What `field` says: a column's value, a month's figure, a row (INSERT's new,
    # DELETE's old) or a shapely geometry; shapely has no types, so Any.
    old: Any
    new: Any


class RegisterConflict(DataError):
    """The register changed since it was read: `differences` is a list of
    (project, field, original, theirs, mine)."""

    def __init__(self, path, differences, theirs_revision):
        self.differences = differences
        self.theirs_revision = theirs_revision
        shown = "; ".join(f"{p} {f}: {o!r} → theirs {t!r}, mine {m!r}" for p, f, o, t, m in differences[:5])
        super().__init__(path, say(f"someone saved the register since you opened it ({shown or 'other projects'}); "
                                   "nothing was written",
                                   f"项目库在您打开后已被他人保存（{shown or '其他项目'}），本次未写入"))


@runtime_checkable
class RegisterStore(Protocol):
    """Where a register is kept: read whole, saved an edit list at a time in one
    transaction (RegisterConflict when someone saved meanwhile), with its log."""

    path: Path  # as messages name it: the file, or server/database/schema

    def open(self) -> Register:
        """The register as it is now (read again: theirs, without mine)."""

    def save(self, register: Register, edits: list[Edit], who: str | None = None) -> int:
        """Write `edits` in one transaction; the register's new revision."""

    def edit_log(self) -> list[tuple]:
        """(who, at, project, field, old, new) of every edit written, oldest first."""

    def project_source(self, project_file: Path) -> dict:
        """What a project file records to open it again (never a password)."""


@dataclass
class Register:
    store: RegisterStore
    frame: gpd.GeoDataFrame
    revision: int
    progress: list[tuple[str, str, float]] = field(default_factory=list)
    read_only: bool = False  # the file is not the app's own (schema_guard.py), or this user may only read
    read_only_reason: Text | None = None  # why, where the store can say

    @property
    def path(self) -> Path:
        return self.store.path

    def save(self, edits: list[Edit], who: str | None = None) -> int:
        """All of `edits` to where the register lives; its new revision."""
        return self.store.save(self, edits, who)

    def reopen(self) -> Register:
        """The register read again from where it lives."""
        return self.store.open()

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


def plain(value):
    """A value as a database takes it: numpy's scalars as Python's."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def column_value(column: str, value):
    """A column's value as stored: plain, `extra` (the ledger's other columns) as JSON text."""
    import json

    value = plain(value)
    if column == "extra" and isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def row_values(row: dict) -> list:
    """A new project's row as stored, a value for each of COLUMNS (NaN as NULL)."""
    values = [column_value(c, row.get(c)) for c in COLUMNS]
    return [None if isinstance(v, float) and v != v else v for v in values]


def as_text(value):
    """An edit's value as a conflict or the log shows it: a geometry as WKT."""
    return value.wkt if hasattr(value, "wkt") else value
