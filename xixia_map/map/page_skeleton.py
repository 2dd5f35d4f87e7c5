"""The app's map page without its layer config, rendered by folium once and kept on disk.

Importing folium costs ~0.3 s on the 2-core target machine, a sixth of the start-up
budget, yet its output for the app page only changes when our page code or the
installed folium/branca change. The skeleton is rendered with a placeholder where the
layer config goes and cached under a key made from exactly those inputs, so a stale
skeleton cannot be served. Any problem with the cache only means rendering afresh.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
from pathlib import Path

from .. import __version__
from ..data.app_dirs import cache_dir
from ..data.atomic_write import atomic_write_bytes

CONFIG_PLACEHOLDER = "__XIXIA_LAYER_CONFIG__"
DEFAULT_CENTER = [33.3, 111.48]  # client.js fits the view to the county's bounds anyway


def _fingerprint(path: str | None) -> str:
    if not path:
        return "-"
    try:
        stat = os.stat(path)
    except OSError:
        return "-"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def skeleton_key(sources: Path | None = None) -> str:
    """`sources`: the folder of the page's Python sources (this package's, but a
    test may point it at a changed copy)."""
    here = sources or Path(__file__).resolve().parent
    parts = [__version__, _fingerprint(sys.executable)]
    for package in ("folium", "branca", "jinja2"):
        spec = importlib.util.find_spec(package)
        parts.append(_fingerprint(spec.origin if spec else None))
    for name in ("folium_page.py", "assets.py", "page_skeleton.py"):
        source = here / name
        parts.append(hashlib.sha1(source.read_bytes()).hexdigest() if source.exists() else "-")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def render_skeleton() -> str:
    from .folium_page import render_page

    html = render_page(CONFIG_PLACEHOLDER, DEFAULT_CENTER)
    if html.count(CONFIG_PLACEHOLDER) != 1:
        raise RuntimeError("the page template must hold the layer config exactly once")
    return html


def page_skeleton(cache: Path | None = None) -> str:
    """The skeleton from the disk cache, rendering and storing it if absent."""
    path = (cache or cache_dir()) / f"page-{skeleton_key()}.html"
    try:
        html = path.read_text(encoding="utf-8")
        if html.count(CONFIG_PLACEHOLDER) == 1:
            _mark_used(path)
            return html
    except (OSError, UnicodeDecodeError):
        pass
    html = render_skeleton()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, html.encode("utf-8"))
        _prune(path)
    except OSError:
        pass  # a read-only home: render each start, as before
    return html


def _mark_used(path: Path) -> None:
    """Refresh the mtime (at most daily) so _prune sees the skeleton is in use."""
    try:
        if time.time() - path.stat().st_mtime > 86400:
            os.utime(path)
    except OSError:
        pass


def _prune(keep: Path, max_age_s: float = 30 * 86400) -> None:
    """Skeletons of old versions are a few KB each; drop those unused for a month.
    (Not all others: two checkouts or an app and its bundle share the folder.)"""
    for old in keep.parent.glob("page-*.html"):
        try:
            if old != keep and time.time() - old.stat().st_mtime > max_age_s:
                old.unlink()
        except OSError:
            pass
