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
