"""Process-level setup that must happen before the QApplication exists."""
from __future__ import annotations

import os
import sys

from .scheme import register_scheme


def _glibc():
    """The C library's handle on glibc systems, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives every thread that allocates its own malloc arena (up to 8 per
    core) and keeps freed memory in each; with tiles rendered on worker threads
    that held ~25-30 MB more of a 200k-feature layer (benchmarks/large_layer.py).
    Must run before the workers start; a no-op off glibc."""
    libc = _glibc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-8, arenas)  # -8: M_ARENA_MAX
        # A fixed mmap threshold: glibc otherwise raises it (up to 32 MB) each time a
        # large block is freed, and from then on the arrays of a county tile of a
        # million parcels (~150 MB while it is drawn) come from the heap, which
        # keeps them after they are freed. Blocks above 1 MB are mapped and given
        # back to the system when freed.
        libc.mallopt(-3, 1 << 20)  # -3: M_MMAP_THRESHOLD


def release_free_memory() -> None:
    """Hand back to the system the memory glibc keeps after a big build frees
    its temporaries: building the tile index of a 200k-parcel layer left ~40 MB
    freed but held (RSS 485 -> 444 MB after malloc_trim). A no-op off glibc."""
    libc = _glibc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def prepare_web_engine() -> None:
    """Chromium flags and the xixia:// scheme; call before creating QApplication."""
    limit_malloc_arenas()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses its sandbox as root; planners' desktops do not run as root.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] == "offscreen":  # "offscreen:configfile=…" too
        # Without a GPU context the offscreen compositor hands grab() an empty frame.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--disable-gpu" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--num-raster-threads" not in flags:
        # Chromium gives a 2-core machine a single raster thread, so a frame
        # with a dozen new map tiles waits on one core. benchmarks/large_layer.py
        # measured the zoom redraw of a 200k-feature layer at 227 ms with 1
        # thread, 138 ms with 2 and 116 ms with 4 (one sample each).
        threads = max(2, min(4, os.cpu_count() or 2))
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + f" --num-raster-threads={threads}").strip()
    register_scheme()


def start_web_engine(argv: list[str]):
    """The QApplication, with Chromium's processes already booting.

    Chromium starts its processes asynchronously on the first page load; a blank
    page loaded now lets them boot while Python imports the data stack and reads
    the data. Returns the application and that page, which the caller deletes
    (pages before profiles) once its own views are gone.
    """
    prepare_web_engine()
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    warm_up = QWebEnginePage(app)
    warm_up.load(QUrl("about:blank"))
    return app, warm_up
