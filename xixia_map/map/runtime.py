"""Process-level setup that must happen before the QApplication exists."""
from __future__ import annotations

import os

from .scheme import register_scheme


def prepare_web_engine() -> None:
    """Chromium flags and the xixia:// scheme; call before creating QApplication."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses its sandbox as root; planners' desktops do not run as root.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        # Without a GPU context the offscreen compositor hands grab() an empty frame.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--disable-gpu" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()
    register_scheme()
