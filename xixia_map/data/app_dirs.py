"""Where the app keeps its own files (caches, the write journal)."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("XIXIA_MAP_CACHE"):
        return Path(os.environ["XIXIA_MAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xixia-map"
