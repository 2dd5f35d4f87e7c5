"""Where a large layer comes from, and the identity its cached store is kept under."""
from __future__ import annotations

import hashlib
import json
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
        answers. A file saved again gets a new store; the old one ages out."""
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
