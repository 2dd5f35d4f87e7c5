"""Where a layer's data came from, and how to find it again: the app's own
catalog, a file with the planner's answers about it, or a PostGIS table.

Separate from what a layer is (layer_kinds.py): a table may be held in memory
or read per view, a file likewise. A project file records an opened layer by
its origin (`entry`), so saving a project asks no layer what kind it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Bundled:
    """A layer of the app's catalog (geodata/): the project names it by its id."""

    encodings: tuple[str, ...] = ()  # no text encoding for a planner to choose

    def entry(self, path: Path, project_file: Path) -> dict:
        raise ValueError("a bundled layer is saved by its id, not as an entry")


@dataclass(frozen=True)
class FileOrigin:
    """A file the planner opened, and the answers it was read with (kept to read it again)."""

    layer: str | None = None  # the layer inside a multi-layer file
    assume_crs: int | None = None  # the CRS the planner confirmed for a file without one (or with a wrong one)
    swap_axes: bool = False  # the planner confirmed the file's x and y are exchanged
    encoding: str | None = None  # the text encoding the planner chose
    encodings: tuple[str, ...] = ()  # those a planner may choose for it (none: the menu is not offered)

    def entry(self, path: Path, project_file: Path) -> dict:
        """The project file's LayerEntry fields for the layer's source."""
        from .project import relative_path

        return {"path": relative_path(path, project_file), "database": None, "layer": self.layer,
                "assume_crs": self.assume_crs, "swap_axes": self.swap_axes, "encoding": self.encoding}


@dataclass(frozen=True)
class TableOrigin:
    """A PostGIS table: the connection as the project records it (never a password), the schema and table."""

    connection: dict
    schema: str
    table: str
    encodings: tuple[str, ...] = ()

    def source(self) -> dict:
        return {"connection": dict(self.connection), "schema": self.schema, "table": self.table}

    def entry(self, path: Path, project_file: Path) -> dict:
        return {"path": "", "database": self.source(), "layer": None, "assume_crs": None, "swap_axes": False,
                "encoding": None}


Origin = Bundled | FileOrigin | TableOrigin
