"""Project files: the user's layers, styles, view state and bookmarks, as JSON.

Saving is atomic (atomic_write.py: temp file in the same folder, fsync,
rename, fsync folder): a crash mid-save leaves the previous project intact. Layer paths are stored
relative to the project file, so a project folder can be moved as a whole.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .atomic_write import atomic_write_bytes
from .errors import DataError

FORMAT = "xixia-map-project"
VERSION = 1


@dataclass
class LayerEntry:
    path: str  # relative to the project file
    layer: str | None = None  # layer name inside a GeoPackage or KML
    title: str = ""
    style: dict = field(default_factory=dict)
    visible: bool = True
    opacity: float = 1.0
    assume_crs: int | None = None
    offset: str = "wgs84"  # "gcj02" / "bd09": coordinates were corrected on load
    swap_axes: bool = False  # the planner confirmed the file's X and Y are exchanged
    encoding: str | None = None  # the text encoding the planner chose
    label_field: str | None = None  # the field labels are drawn from, if the planner chose one
    label_mode: str | None = None
    # A PostGIS table instead of a file (path ""): the connection without any
    # password, the schema and the table (data/postgis/layer.describe_source).
    database: dict | None = None


@dataclass
class Bookmark:
    name: str
    extent: tuple[float, float, float, float]


@dataclass
class Project:
    layers: list[LayerEntry] = field(default_factory=list)
    bundled: dict[str, dict] = field(default_factory=dict)  # layer id -> {visible, opacity}
    extent: tuple[float, float, float, float] | None = None
    bookmarks: list[Bookmark] = field(default_factory=list)

    def to_json(self) -> str:
        doc = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return json.dumps(doc, ensure_ascii=False, indent=1)


def relative_path(target: Path, project_file: Path) -> str:
    return os.path.relpath(Path(target).resolve(), Path(project_file).resolve().parent)


def resolve(entry: LayerEntry, project_file: Path) -> Path:
    return (Path(project_file).resolve().parent / entry.path).resolve()


def save_project(project: Project, path: Path) -> None:
    atomic_write_bytes(Path(path), project.to_json().encode("utf-8"))


def load_project(path: Path) -> Project:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "project file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(path, f"not a readable project file ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DataError(path, "not a Xixia Map project (format field missing)")
    if doc.get("version") != VERSION:
        raise DataError(path, f"project version {doc.get('version')} is not supported (this app reads {VERSION})")
    try:
        return Project(
            layers=[LayerEntry(**entry) for entry in doc.get("layers", [])],
            bundled={str(k): dict(v) for k, v in doc.get("bundled", {}).items()},
            extent=tuple(doc["extent"]) if doc.get("extent") else None,
            bookmarks=[Bookmark(b["name"], tuple(b["extent"])) for b in doc.get("bookmarks", [])],
        )
    except (TypeError, KeyError) as exc:
        raise DataError(path, f"project file has an unexpected entry ({exc})") from None
