"""Headless QtWebEngine under pytest (after qutebrowser's conftest), and the
main window every GUI test shares.

The environment and the xixia:// scheme must be set before pytest-qt creates
the QApplication, so this runs at import time (collection, before any test).
"""
import json
import os
import tempfile

import pytest
from windows import make_window

# Offscreen Qt's only screen is 800 × 800 unless told otherwise; the window
# never opens larger than its screen, so the tests get a desktop monitor's
# (tests/gui/test_small_screen.py starts its own process on a 1024 × 700 one).
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="xixia-screen-"), "screen.json")
with open(_SCREEN, "w") as _f:
    json.dump({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 1920, "height": 1200,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, _f)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")
# The map page loads the tests' probes (window.xixia's test-only members, static/test_probes.js).
os.environ["XIXIA_MAP_TEST_PROBES"] = "1"

from xixia_map.map.runtime import prepare_web_engine  # noqa: E402

prepare_web_engine()

# Qt's messages go through the app's own handler (map/qt_log.py), as in the app,
# so a critical one is an error logged (pyproject's --no-qt-log keeps pytest-qt's
# capture from replacing it); an unexpected error logged fails the test.
from xixia_map.map.qt_log import install_qt_message_handler  # noqa: E402

install_qt_message_handler()


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """Every message box the app would show, recorded as (title, text, format)
    instead of waiting modally for a click no test gives. A test may set
    `dialogs.answer` to the button the planner would press."""
    from PySide6.QtWidgets import QMessageBox

    from xixia_map.ui import plain_text

    class Recorder(list):
        answer = QMessageBox.StandardButton.Ok

    shown = Recorder()

    def message(parent, icon, title, text, buttons=QMessageBox.StandardButton.Ok, default=None):
        box = QMessageBox(icon, title, "", buttons, parent)  # built as the app builds it, then not run
        box.setTextFormat(plain_text.Qt.TextFormat.PlainText)
        box.setText(text)
        shown.append((title, box.text(), box.textFormat()))
        box.deleteLater()
        return shown.answer

    monkeypatch.setattr(plain_text, "message", message)
    return shown


@pytest.fixture
def map_view(qtbot, bundled_layers):
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.view import MapView

    view = MapView(bundled_layers)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    wait_until_idle(view)
    yield view
    view.close()
    view.deleteLater()
    qtbot.wait(10)


@pytest.fixture
def window(qtbot, catalog, dialogs):
    """The main window on the bundled layers, in Chinese, its map idle; its
    message boxes recorded in `window.dialogs` as (title, text, format)."""
    win = make_window(qtbot, catalog)
    win.dialogs = dialogs
    return win


def pytest_sessionfinish(session, exitstatus):
    """Delete the views tests left to deleteLater now, pages before their
    profiles, as the app does on exit; otherwise Qt warns at interpreter exit."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is None:
        return
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
