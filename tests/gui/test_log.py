"""The app's log (data/log.py, map/qt_log.py): what used to vanish is in the file
with its traceback, the help menu opens its folder, and a test fails on an
error it did not expect (tests/log_errors.py)."""
import logging
import os
import sys
import textwrap
from pathlib import Path

import pytest
from ceilings import CEILING_MS
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from xixia_map.data import log
from xixia_map.data.errors import DataError

HELPERS = Path(__file__).resolve().parents[1] / "helpers"


@pytest.fixture
def log_file(tmp_path):
    """The log written to a folder of the test's own, as `xixia-map` writes it at start."""
    path = log.setup(tmp_path / "logs")
    assert path == (tmp_path / "logs" / log.FILE_NAME).absolute()
    yield path
    log.close()


def logged(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_setup_writes_to_the_folder_the_environment_names(tmp_path, monkeypatch):
    monkeypatch.setenv("XIXIA_MAP_LOG_DIR", str(tmp_path / "elsewhere"))
    try:
        path = log.setup()
        logging.getLogger("xixia_map.test").info("a note for the log")
        assert path == (tmp_path / "elsewhere" / log.FILE_NAME).absolute()
        text = logged(path)
        assert "Xixia Map" in text and "started" in text
        assert "INFO xixia_map.test [MainThread] a note for the log" in text
    finally:
        log.close()


@pytest.mark.expected_log_errors(r"^request xixia://app/data/broken\.geojson failed$")
def test_a_failing_data_producer_is_logged_with_its_traceback(qtbot, map_view, log_file):
    def broken_producer():
        return {"features": []}["missing"]

    map_view.handler.set_data("broken", broken_producer)
    # What map.js does for a layer's data, its failure caught as map.js catches it.
    map_view.page().runJavaScript("fetch('xixia://app/data/broken.geojson').catch(function () {})")
    qtbot.waitUntil(lambda: "KeyError" in logged(log_file), timeout=CEILING_MS)
    text = logged(log_file)
    assert "ERROR xixia_map.map.scheme [MainThread] request xixia://app/data/broken.geojson failed" in text
    assert "Traceback (most recent call last)" in text
    assert "in broken_producer" in text and "KeyError: 'missing'" in text


@pytest.mark.expected_log_errors(r"planted error 3141")
def test_a_javascript_error_on_the_page_is_logged_as_an_error(qtbot, map_view, log_file):
    map_view.page().runJavaScript("setTimeout(function () { throw new Error('planted error 3141'); }, 0)")
    qtbot.waitUntil(lambda: "planted error 3141" in logged(log_file), timeout=CEILING_MS)
    line = next(line for line in logged(log_file).splitlines() if "planted error 3141" in line)
    assert " ERROR xixia_map.page " in line
    assert "Uncaught Error: planted error 3141" in line
    assert any("planted error 3141" in m for m in map_view.console_messages)  # as before


@pytest.mark.expected_log_errors(r"^drawing a tile failed$")
def test_a_failure_is_logged_at_the_level_of_what_it_means(caplog):
    from xixia_map.data.reader import Cancelled

    logger = logging.getLogger("xixia_map.test")
    failures = [Cancelled(), DataError("plan.shp", "not a readable vector file"),
                PermissionError(13, "Permission denied"), IndexError("list index out of range")]
    with caplog.at_level(logging.INFO, logger="xixia_map"):
        for exc in failures:
            log.log_failure(logger, exc, "drawing %s", "a tile")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "drawing a tile: cancelled"),
        ("WARNING", "drawing a tile: plan.shp: not a readable vector file"),
        ("WARNING", "drawing a tile: PermissionError: [Errno 13] Permission denied"),
        ("ERROR", "drawing a tile failed")]
    assert [r.exc_info is not None for r in caplog.records] == [False, True, True, True]
    assert {r.filename for r in caplog.records} == {"test_log.py"}  # the caller's line, not log.py's


def _raising_work(progress, cancelled):
    raise ZeroDivisionError("a job that failed in a way nobody foresaw")


def _refused_work(progress, cancelled):
    raise DataError("plan.shp", "not a readable vector file")


@pytest.mark.expected_log_errors(r"^background job 'reading' failed$")
def test_a_background_job_failure_is_logged_with_the_workers_traceback(qtbot, log_file):
    from PySide6.QtWidgets import QWidget

    from xixia_map.ui.background import BackgroundJob, failure_text

    owner = QWidget()
    qtbot.addWidget(owner)
    shown = []
    for work in (_raising_work, _refused_work):
        job = BackgroundJob(owner, "reading", "cancel", work, shown.append,
                            lambda exc: shown.append(failure_text(exc, "en")))
        before = len(shown)
        job.start()
        qtbot.waitUntil(lambda want=before + 1: len(shown) == want, timeout=CEILING_MS)
    # The planner reads one line; the log has the rest.
    assert shown == ["unexpected error (ZeroDivisionError: a job that failed in a way nobody foresaw)",
                     "plan.shp: not a readable vector file"]
    text = logged(log_file)
    assert "ERROR xixia_map.ui.background" in text and "in _raising_work" in text
    assert "WARNING xixia_map.ui.background [MainThread] background job 'reading': plan.shp: not a readable" in text
    assert "in _refused_work" in text


@pytest.mark.expected_log_errors(r"^uncaught exception$")
def test_an_uncaught_exception_reaches_the_log_and_then_the_previous_hook(log_file, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: seen.append(exc[0]))
    log._log_uncaught()  # onto this test's hook
    try:
        raise LookupError("in a Qt slot, printed and forgotten before")
    except LookupError:
        sys.excepthook(*sys.exc_info())
    assert seen == [LookupError]
    text = logged(log_file)
    assert "CRITICAL xixia_map [MainThread] uncaught exception" in text
    assert "LookupError: in a Qt slot, printed and forgotten before" in text


class _Opened(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)



def window(qtbot, catalog, tmp_path, monkeypatch):
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.paths import INDICATORS_PATH
    from xixia_map.ui.main_window import MainWindow

    win = MainWindow(LayerList.from_catalog(catalog), "zh", groups=catalog.groups,
                     indicators=load_indicators(INDICATORS_PATH))
    qtbot.addWidget(win)
    win.show()
    wait_until_idle(win.map_view)
    return win


def test_help_menu_opens_the_log_folder(window, tmp_path, monkeypatch):
    folder = tmp_path / "log folder"
    monkeypatch.setenv("XIXIA_MAP_LOG_DIR", str(folder))
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助")
    action = next(a for a in help_menu.actions() if a.text() == "打开日志文件夹")
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")  # Qt's own hook for the system's file manager
    try:
        action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in opened.urls] == [folder]
    assert folder.is_dir()  # made, though nothing was logged yet


PLANTED = """
    import logging

    import pytest
    from PySide6.QtCore import qCritical, qWarning

    from xixia_map.map.qt_log import install_qt_message_handler

    install_qt_message_handler()
    log = logging.getLogger("xixia_map.planted")


    def test_error_unforeseen():
        log.error("a producer failed")


    def test_qt_critical_unforeseen():
        qCritical("QRhi: the device is lost")


    def test_page_error_unforeseen():
        from PySide6.QtWebEngineCore import QWebEnginePage
        from xixia_map.map.qt_log import log_console_message

        log_console_message(QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel, "Uncaught TypeError")


    @pytest.mark.expected_log_errors("a producer failed")
    def test_error_foreseen():
        log.error("a producer failed")


    @pytest.mark.expected_log_errors("something else")
    def test_error_foreseen_is_not_any_error():
        log.error("a producer failed")


    @pytest.mark.expected_log_errors
    def test_any_error_foreseen():
        log.error("whatever it was")


    def test_warnings_pass():
        log.warning("a keyring that is absent")
        qWarning("This plugin does not support propagateSizeHints()")
"""


def test_an_unexpected_error_logged_fails_the_test(pytester, monkeypatch):
    paths = [str(HELPERS), str(HELPERS.parents[1]), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    pytester.makepyfile(test_planted=textwrap.dedent(PLANTED))
    result = pytester.runpytest_subprocess("-p", "log_errors", "-p", "no:cacheprovider", "--no-qt-log", "-rA")
    result.assert_outcomes(passed=3, failed=4)
    for name in ("test_error_unforeseen", "test_qt_critical_unforeseen", "test_page_error_unforeseen",
                 "test_error_foreseen_is_not_any_error"):
        result.stdout.fnmatch_lines([f"FAILED test_planted.py::{name}*"])
    result.stdout.fnmatch_lines(["*1 unexpected error(s) logged during call*",
                                 "ERROR xixia_map.qt * QRhi: the device is lost"])
