"""Qt's own messages and the map page's console, into the app's log (data/log.py).

Qt's message handler is replaced by one that logs under "xixia_map.qt" and
still prints to stderr as Qt's default one does. The page's console messages
(an uncaught JavaScript error, a failed promise, what map.js reports through the
bridge) log under "xixia_map.page": a JavaScript error is an error.
"""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtWebEngineCore import QWebEnginePage

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_Level = QWebEnginePage.JavaScriptConsoleMessageLevel
PAGE_LEVELS = {
    _Level.InfoMessageLevel: logging.INFO,
    _Level.WarningMessageLevel: logging.WARNING,
    _Level.ErrorMessageLevel: logging.ERROR,
}

qt_logger = logging.getLogger("xixia_map.qt")
page_logger = logging.getLogger("xixia_map.page")


def _qt_message(kind, context, message: str) -> None:
    category = getattr(context, "category", None)
    qt_logger.log(QT_LEVELS.get(kind, logging.WARNING), "%s%s", f"{category}: " if category and category != "default"
                  else "", message)
    if sys.stderr is not None:  # None in a windowed frozen app
        try:
            sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")
        except (OSError, ValueError):  # a closed stream at exit
            pass


def install_qt_message_handler() -> None:
    """Route Qt's messages to the log from now on (idempotent)."""
    qInstallMessageHandler(_qt_message)


def log_console_message(level, text: str) -> None:
    """One message of the page's console at its own level (an error as an error)."""
    page_logger.log(PAGE_LEVELS.get(level, logging.INFO), "%s", text)


def log_page_error(text: str) -> None:
    """An error map.js caught and reported through the bridge (a layer's data that did not load)."""
    page_logger.error("%s", text)
