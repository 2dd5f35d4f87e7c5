"""Where the app keeps its own files (caches, the write journal, the log)."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("XIXIA_MAP_CACHE"):
        return Path(os.environ["XIXIA_MAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xixia-map"


def log_dir() -> Path:
    """The app's log folder (帮助 → 打开日志文件夹 opens it): per user, kept across
    runs, unlike the cache. XDG's state folder on Linux, %LOCALAPPDATA% on
    Windows, ~/Library/Logs on macOS. XIXIA_MAP_LOG_DIR overrides it (the tests'
    own folder). Written here rather than taken from platformdirs: three
    platforms in a few lines do not justify a dependency."""
    if os.environ.get("XIXIA_MAP_LOG_DIR"):
        return Path(os.environ["XIXIA_MAP_LOG_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "xixia-map" / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "xixia-map"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "xixia-map" / "logs"
