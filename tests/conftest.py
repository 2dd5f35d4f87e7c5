"""Headless QtWebEngine under pytest (after qutebrowser's conftest).

The environment and the xixia:// scheme must be set before pytest-qt creates
the QApplication, so this runs at import time.
"""
import os

# Offscreen Qt's only screen is 800 × 800 unless told otherwise; the window
# never opens larger than its screen, so the tests get a desktop monitor's
# (tests/test_small_screen.py starts its own process on a 1024 × 700 one).
import json  # noqa: E402
import tempfile  # noqa: E402

_SCREEN = os.path.join(tempfile.mkdtemp(prefix="xixia-screen-"), "screen.json")
with open(_SCREEN, "w") as _f:
    json.dump({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 1920, "height": 1200,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, _f)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")
# The page skeleton cache (map/page_skeleton.py) goes to a fresh folder, not the user's.

os.environ["XIXIA_MAP_CACHE"] = tempfile.mkdtemp(prefix="xixia-cache-")
# The log (data/log.py) too, for the CLI run in-process and in child processes.
os.environ["XIXIA_MAP_LOG_DIR"] = tempfile.mkdtemp(prefix="xixia-log-")
# The map page loads the tests' probes (window.xixia's test-only members, static/test_probes.js).
os.environ["XIXIA_MAP_TEST_PROBES"] = "1"

from xixia_map.map.runtime import prepare_web_engine  # noqa: E402

prepare_web_engine()

# Qt's messages go through the app's own handler (map/qt_log.py), as in the app,
# so a critical one is an error logged (pyproject's --no-qt-log keeps pytest-qt's
# capture from replacing it); an unexpected error logged fails the test.
from xixia_map.map.qt_log import install_qt_message_handler  # noqa: E402

install_qt_message_handler()
pytest_plugins = ("log_errors", "pytester")

import pytest  # noqa: E402


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


@pytest.fixture(scope="session")
def catalog():
    from xixia_map.data.catalog import load_catalog
    from xixia_map.paths import CATALOG_PATH

    return load_catalog(CATALOG_PATH)


@pytest.fixture
def bundled_layers(catalog):
    from xixia_map.data.layers import LayerList

    return LayerList.from_catalog(catalog)


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


@pytest.fixture(scope="session")
def postgis():
    """A real PostgreSQL + PostGIS server on loopback (tests/postgis_server.py),
    started for the first test that asks and stopped at the end of the session."""
    import postgis_server

    if postgis_server.bin_dir() is None and os.environ.get("CI"):
        pytest.fail("PostgreSQL is not installed: bash installer/dev.sh test installs it")
    if postgis_server.bin_dir() is None:
        pytest.skip("PostgreSQL is not installed here (bash installer/dev.sh test installs it)")
    server = postgis_server.start()
    yield server
    server.stop()


def pytest_sessionfinish(session, exitstatus):
    """Delete the views tests left to deleteLater now, pages before their
    profiles, as the app does on exit; otherwise Qt warns at interpreter exit."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    import shutil

    shutil.rmtree(os.environ["XIXIA_MAP_CACHE"], ignore_errors=True)
    shutil.rmtree(os.environ["XIXIA_MAP_LOG_DIR"], ignore_errors=True)
    if QCoreApplication.instance() is None:
        return
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
