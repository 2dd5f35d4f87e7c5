"""Where a large layer comes from, and the identity its cached store is kept under."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..app_dirs import cache_dir

# Bumped whenever the store's files change meaning: an older store is rebuilt, never misread.
STORE_VERSION = 1


@dataclass(frozen=True)
class StoreSource:
    path: Path
    layer: str | None  # the layer inside a GeoPackage or geodatabase
    crs: str  # the CRS the coordinates are read in (the file's, or the planner's answer)
    swap_axes: bool = False
    encoding: str | None = None

    def identity(self) -> dict:
        """What makes two reads of the file the same: the file's own size and
        modification time (every file of a geodatabase folder), and the planner's
        answers. A file saved again gets a new store; the old one ages out
        (prune_stores)."""
        path = Path(self.path).resolve()
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        stamps = [[p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in files]
        return {"version": STORE_VERSION, "path": str(path), "layer": self.layer, "files": stamps,
                "crs": self.crs, "swap": self.swap_axes, "encoding": self.encoding}

    def key(self) -> str:
        text = json.dumps(self.identity(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]

    def folder(self) -> Path:
        return stores_dir() / self.key()


def stores_dir() -> Path:
    return cache_dir() / "large-layers"


UNUSED_FOR_S = 30 * 86400  # a store not opened for this long is removed (its file changed, or went)
BUILD_LEFT_FOR_S = 86400  # a build folder this old was cut short by a killed process


def mark_used(folder: Path) -> None:
    try:
        os.utime(folder / "meta.json")
    except OSError:
        pass


def prune_stores(now: float | None = None) -> list[Path]:
    """Remove stores not opened for UNUSED_FOR_S and builds a killed process left."""
    root = stores_dir()
    now = time.time() if now is None else now
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for folder in root.iterdir():
        try:
            if folder.name.startswith(".building-"):
                stale = now - folder.stat().st_mtime > BUILD_LEFT_FOR_S
            else:
                stale = now - (folder / "meta.json").stat().st_mtime > UNUSED_FOR_S
        except OSError:
            stale = folder.is_dir() and not folder.name.startswith(".")  # a store without meta.json is not whole
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
